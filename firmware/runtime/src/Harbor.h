// Harbor for a sketch or program of your own: #include <Harbor.h>, then
// HarborClient (harbor/client.h says how to use it).
#pragma once

#include "harbor/client.h"
#include "harbor/uplink_types.h"

typedef harbor::Client<> HarborClient;
typedef harbor::UplinkConfig HarborConfig;
typedef harbor::Stats HarborStats;
typedef harbor::SendStatus HarborSendStatus;
