#include "harbor/uart_sensor.h"

#include <stdio.h>
#include <string.h>

namespace harbor {

const uint8_t UartSensor::kMaxFrame;
const uint8_t UartSensor::kMaxQueued;
const uint32_t UartSensor::kPollMs;
const uint32_t UartSensor::kWriteMs;

namespace {

// What one step reads at most: a little more than a poll interval brings at
// 9600 baud, so a step stays short however full the receive buffer is.
const size_t kReadPerStep = 64;
// What start() throws away at most: a board's whole receive buffer (256 bytes
// on the ESP32 and ESP8266 adapters) and then some.
const size_t kDrainMax = 512;

}  // namespace

UartSensor::UartSensor(const char* kind, uint32_t intervalMs, UartPort& port, const Protocol& protocol)
    : PolledSensor(name_, intervalMs),
      port_(port),
      protocol_(protocol),
      have_(0),
      outLength_(0),
      outSent_(0),
      deadlineMs_(0),
      heard_(false),
      readHeard_(false),
      firstSetup_(true),
      probing_(false),
      wrote_(false),
      lastWriteMs_(0) {
  snprintf(name_, sizeof name_, "%s uart%u", kind, static_cast<unsigned>(port.number()));
  memset(frame_, 0, sizeof frame_);
  memset(out_, 0, sizeof out_);
  if (protocol_.frameLength > kMaxFrame) protocol_.frameLength = kMaxFrame;
}

bool UartSensor::queue(const uint8_t* data, size_t length) {
  if (outSent_ == outLength_) outSent_ = outLength_ = 0;  // all sent: reuse from the start
  if (data == 0 || length > static_cast<size_t>(kMaxQueued - outLength_)) return false;
  memcpy(out_ + outLength_, data, length);
  outLength_ = static_cast<uint8_t>(outLength_ + length);
  return true;
}

void UartSensor::sendQueued(uint64_t nowMs) {
  // One write a step: a software UART's write holds the CPU (2 ms at most),
  // and setup() and start() run in one step.
  if (outSent_ >= outLength_ || (wrote_ && nowMs == lastWriteMs_)) return;
  wrote_ = true;
  lastWriteMs_ = nowMs;
  outSent_ = static_cast<uint8_t>(outSent_ + port_.write(out_ + outSent_, outLength_ - outSent_));
}

size_t UartSensor::drain() {
  uint8_t scratch[32];
  size_t total = 0;
  while (total < kDrainMax) {
    const size_t n = port_.read(scratch, sizeof scratch);
    if (n == 0) break;
    total += n;
  }
  return total;
}

bool UartSensor::feed(uint8_t byte) {
  if (have_ < protocol_.headerLength) {
    if (byte == protocol_.header[have_]) {
      frame_[have_++] = byte;
    } else {
      // Out of step: this byte may begin the next header.
      have_ = 0;
      if (byte == protocol_.header[0]) frame_[have_++] = byte;
    }
    return false;
  }
  frame_[have_++] = byte;
  return have_ >= protocol_.frameLength;
}

PolledSensor::Result UartSensor::setup(uint64_t nowMs) {
  sendQueued(nowMs);
  const bool heardNow = drain() > 0;
  if (probing_) {
    // Finishing the request of a look that found nothing: its answer is for the next look.
    if (heardNow) heard_ = true;
    if (sending()) return waitMs(kWriteMs);
    probing_ = false;
    return fail(ReadError::Absent);
  }
  if (!firstSetup_ && !heard_ && !heardNow) {
    // Silent since the last setup: still missing. Ask a polled device again, so
    // that the next look finds its answer waiting.
    if (protocol_.request != 0 && !sending()) queue(protocol_.request, protocol_.requestLength);
    sendQueued(nowMs);
    if (sending()) {
      probing_ = true;
      return waitMs(kWriteMs);
    }
    return fail(ReadError::Absent);
  }
  firstSetup_ = false;
  heard_ = false;
  outSent_ = outLength_ = 0;  // a half-sent request is dropped; the configuration goes first
  if (protocol_.configure != 0) queue(protocol_.configure, protocol_.configureLength);
  sendQueued(nowMs);
  return done();
}

PolledSensor::Result UartSensor::start(uint64_t nowMs) {
  sendQueued(nowMs);
  // What arrived before this slot describes an earlier moment.
  if (drain() > 0) heard_ = true;
  restart();
  if (protocol_.request != 0) queue(protocol_.request, protocol_.requestLength);
  sendQueued(nowMs);
  deadlineMs_ = nowMs + protocol_.timeoutMs;
  readHeard_ = false;
  return waitMs(sending() ? kWriteMs : kPollMs);
}

PolledSensor::Result UartSensor::collect(uint64_t nowMs, uint64_t takenMs, Emitter& out) {
  sendQueued(nowMs);
  uint8_t chunk[32];
  size_t read = 0;
  while (read < kReadPerStep) {
    const size_t n = port_.read(chunk, sizeof chunk);
    if (n == 0) break;
    heard_ = readHeard_ = true;
    read += n;
    for (size_t i = 0; i < n; ++i) {
      if (!feed(chunk[i])) continue;
      const Result r = decode(frame_, takenMs, out);
      restart();
      return r;
    }
  }
  if (nowMs >= deadlineMs_) {
    restart();
    // Bytes but no whole frame: a broken line or another device; none: nobody there.
    return fail(readHeard_ ? ReadError::Timeout : ReadError::Absent);
  }
  return waitMs(sending() ? kWriteMs : kPollMs);
}

}  // namespace harbor
