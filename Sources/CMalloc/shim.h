// glibc's allocator controls (<malloc.h>), which Swift's Glibc module leaves out: Northstar
// uses malloc_trim to hand memory freed after the how-sure analysis back to the system.
#ifndef NORTHSTAR_CMALLOC_SHIM_H
#define NORTHSTAR_CMALLOC_SHIM_H
#include <malloc.h>
#endif
