// Frame checksums against the vectors their owners publish, not our own output.
#include "check.h"
#include "harbor/bus/crc.h"
#include "harbor/bus/one_wire.h"

TEST_CASE("crc: Sensirion CRC-8 of 0xBEEF is 0x92 (SHT3x datasheet v6, section 4.12)") {
  const uint8_t word[] = {0xBE, 0xEF};
  CHECK_EQ(harbor::sensirionCrc8(word, 2), 0x92u);
}

TEST_CASE("crc: Sensirion CRC-8 of \"123456789\" is 0xF7 (CRC-8/NRSC-5 check value, Williams/RevEng catalogue)") {
  const char* text = "123456789";
  CHECK_EQ(harbor::sensirionCrc8(reinterpret_cast<const uint8_t*>(text), 9), 0xF7u);
}

TEST_CASE("crc: HTU21D CRC-8 of 0xDC is 0x79, of 0x683A 0x7C, of 0x4E85 0x6B (HTU21D(F) datasheet, CRC examples)") {
  const uint8_t one[1] = {0xDC};
  const uint8_t temperature[2] = {0x68, 0x3A};
  const uint8_t humidity[2] = {0x4E, 0x85};
  CHECK_EQ(harbor::htu21dCrc8(one, 1), 0x79u);
  CHECK_EQ(harbor::htu21dCrc8(temperature, 2), 0x7Cu);
  CHECK_EQ(harbor::htu21dCrc8(humidity, 2), 0x6Bu);
}

TEST_CASE("crc: Modbus CRC-16 of \"123456789\" is 0x4B37 (CRC-16/MODBUS check value, RevEng catalogue)") {
  const char* text = "123456789";
  CHECK_EQ(harbor::modbusCrc16(reinterpret_cast<const uint8_t*>(text), 9), 0x4B37u);
}

TEST_CASE("crc: Modbus read of one holding register 01 03 00 00 00 01 ends 84 0A, low byte first") {
  const uint8_t request[] = {0x01, 0x03, 0x00, 0x00, 0x00, 0x01};
  const uint16_t crc = harbor::modbusCrc16(request, sizeof request);
  CHECK_EQ(static_cast<unsigned>(crc & 0xFF), 0x84u);
  CHECK_EQ(static_cast<unsigned>(crc >> 8), 0x0Au);
}

TEST_CASE("crc: Maxim 1-Wire CRC-8 of \"123456789\" is 0xA1 (CRC-8/MAXIM-DOW check value, RevEng catalogue)") {
  const char* text = "123456789";
  CHECK_EQ(harbor::oneWireCrc8(reinterpret_cast<const uint8_t*>(text), 9), 0xA1u);
}

TEST_CASE("crc: CRC-32 of \"123456789\" is 0xCBF43926 (CRC-32/ISO-HDLC check value, RevEng catalogue), in one call or two") {
  const uint8_t text[] = {'1', '2', '3', '4', '5', '6', '7', '8', '9'};
  CHECK_EQ(harbor::crc32(text, sizeof text), 0xCBF43926UL);
  CHECK_EQ(harbor::crc32(text + 4, 5, harbor::crc32(text, 4)), 0xCBF43926UL);
}
