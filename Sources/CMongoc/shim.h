// Umbrella header for libmongoc/libbson (Debian: libmongoc-dev, libbson-dev).
#ifndef ATRIUM_CMONGOC_SHIM_H
#define ATRIUM_CMONGOC_SHIM_H
#include <mongoc/mongoc.h>
#include <bson/bson.h>
#endif
