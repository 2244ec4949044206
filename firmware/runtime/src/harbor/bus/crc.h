// The checksums sensors put on their frames, written once for every driver
// and host model: Sensirion's CRC-8 (SHT3x/SHT4x, SCD30/SCD4x, SGP30/SGP4x,
// SPS30), the HTU21D's / Si7021's CRC-8 and Modbus's CRC-16 (PZEM-004T). The 1-Wire CRC-8 is in one_wire.h.
// CRC-32 guards the flash buffer's pages (flash_ring.h).
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace harbor {

// Polynomial 0x31 (x^8 + x^5 + x^4 + 1), init 0xFF, MSB first, no final XOR:
// Sensirion SHT3x datasheet (version 6, 2019) section 4.12, over each 2-byte word.
uint8_t sensirionCrc8(const uint8_t* data, size_t length);

// The same polynomial 0x31 (the datasheets write it 0x131, x^8 + x^5 + x^4 + 1)
// with init 0x00: HTU21D(F) datasheet "CRC Checksum"; Si7021-A20 datasheet section 5.1.
uint8_t htu21dCrc8(const uint8_t* data, size_t length);

// Polynomial 0xA001 (0x8005 reflected), init 0xFFFF, sent low byte first:
// Modbus over Serial Line V1.02 section 6.2.2.
uint16_t modbusCrc16(const uint8_t* data, size_t length);

// CRC-32/ISO-HDLC (zlib's): polynomial 0x04C11DB7 reflected (0xEDB88320), init
// and final XOR 0xFFFFFFFF. `crc` continues a previous call (0 to start).
uint32_t crc32(const uint8_t* data, size_t length, uint32_t crc = 0);

}  // namespace harbor
