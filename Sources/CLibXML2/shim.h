// Umbrella header for libxml2 (Debian: libxml2-dev); only the streaming reader and parser APIs are used.
#ifndef ATRIUM_CLIBXML2_SHIM_H
#define ATRIUM_CLIBXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#endif
