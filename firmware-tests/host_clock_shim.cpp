// The host buses (firmware/platforms/host/host_buses.cpp) read the virtual
// clock; in the unit tests that clock is the fake platform's, which the test moves.
#include "fake_platform.h"
#include "host_state.h"

namespace harbor {
namespace host {

uint64_t virtualNowMs() { return fake::state().nowMs; }

}  // namespace host
}  // namespace harbor
