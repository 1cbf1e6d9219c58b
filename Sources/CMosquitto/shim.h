// Umbrella header for libmosquitto (Debian: libmosquitto-dev).
#ifndef ATRIUM_CMOSQUITTO_SHIM_H
#define ATRIUM_CMOSQUITTO_SHIM_H
#include <mosquitto.h>
#include <mqtt_protocol.h>
#endif
