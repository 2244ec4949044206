// An uplink on the fake platform with the cargo table and buffer a test asks
// for, shared by the runtime tests of components and the device.
#pragma once

#include <stddef.h>

#include <vector>

#include "harbor/record_ring.h"
#include "harbor/uplink.h"

namespace fake {

extern const char* const kTestApiKey;
extern const char* const kTestWifiPassword;

struct UplinkRig {
  UplinkRig(const char* const* cargos, uint32_t cargoCount, size_t capacity = 100,
            const char* shipId = "ship", const char* baseUrl = "https://harborscale.com/api/v2/ingest",
            const char* harborId = "hb", bool insecure = false)
      : storage(capacity > 0 ? capacity : 1),
        ring(&storage[0], capacity),
        config(makeConfig(cargos, cargoCount, shipId, baseUrl, harborId, insecure)),
        body(12289),
        uplink(config, ring, &body[0], body.size()) {}

  static harbor::UplinkConfig makeConfig(const char* const* cargos, uint32_t cargoCount, const char* shipId,
                                         const char* baseUrl, const char* harborId, bool insecure) {
    harbor::UplinkConfig c = {shipId, "esp32", baseUrl, harborId, kTestApiKey, 0, insecure ? 1u : 0u,
                              {50, 12288, 30000}, cargos, cargoCount};
    return c;
  }

  std::vector<harbor::Record> storage;
  harbor::RecordRing ring;
  harbor::UplinkConfig config;
  std::vector<char> body;
  harbor::Uplink uplink;
};

}  // namespace fake
