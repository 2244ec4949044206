// Which RP2040 controller a pair of pins belongs to. Each GPIO reaches one I2C
// and one UART controller only (RP2040 datasheet, 2.19.2 "Function Select"),
// so on the Pico W the pins pick Wire or Wire1 and Serial1 or Serial2, and
// arduino-pico panics on a pin its controller cannot use: these are checked
// first. Plain arithmetic, tested on the host. Copied next to each Arduino
// adapter's source in lib/harbor_platform/src.
#pragma once

namespace harbor {
namespace platform {
namespace rp2040 {

const int kGpioCount = 30;

inline bool isGpio(int pin) { return pin >= 0 && pin < kGpioCount; }

// I2C0 has SDA on GPIO 0, 4, 8, ... and SCL on 1, 5, 9, ...; I2C1 the pins two
// above. The controller (0 or 1) for `sda`/`scl`, or -1 when none has both.
inline int i2cController(int sda, int scl) {
  if (!isGpio(sda) || !isGpio(scl)) return -1;
  if (sda % 4 == 0 && scl % 4 == 1) return 0;
  if (sda % 4 == 2 && scl % 4 == 3) return 1;
  return -1;
}

// UART0 has TX on GPIO 0, 12, 16, 28 and RX on the pin above each; UART1 TX
// on 4, 8, 20, 24. The controller of a TX pin, or -1.
inline int uartTxController(int tx) {
  if (!isGpio(tx)) return -1;
  switch (tx % 16) {
    case 0:
    case 12:
      return 0;
    case 4:
    case 8:
      return 1;
    default:
      return -1;
  }
}

// The controller (0 or 1) for `rx`/`tx`, or -1 when none has both.
inline int uartController(int rx, int tx) {
  if (!isGpio(rx) || rx == 0) return -1;
  const int controller = uartTxController(tx);
  return controller >= 0 && uartTxController(rx - 1) == controller ? controller : -1;
}

}  // namespace rp2040
}  // namespace platform
}  // namespace harbor
