// Umbrella header for libxml2 (Debian: libxml2-dev); only the streaming reader and parser APIs are used.
#ifndef ATRIUM_CLIBXML2_SHIM_H
#define ATRIUM_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, and its encoding.h then includes the system <unicode/ucnv.h>,
// whose UErrorCode clashes with the ICU copy inside Swift's Foundation (_FoundationICU) when both
// modules are imported. Atrium never touches the ICU-dependent members (they sit at the end of
// xmlCharEncodingHandler, which is only handled through pointers), so hide them from Swift.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#endif
