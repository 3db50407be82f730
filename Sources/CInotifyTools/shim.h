// libinotifytools (Debian libinotifytools0-dev). <sys/inotify.h> must come first: the library
// header only forward-declares struct inotify_event.
#ifndef NORTHSTAR_CINOTIFYTOOLS_SHIM_H
#define NORTHSTAR_CINOTIFYTOOLS_SHIM_H
#include <sys/inotify.h>
#include <inotifytools/inotifytools.h>
#endif
