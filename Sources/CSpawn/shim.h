// glibc's posix_spawn extension to close every inherited descriptor (glibc 2.34), which
// <spawn.h> declares only under _GNU_SOURCE and Swift's Glibc module therefore leaves out.
#ifndef NORTHSTAR_CSPAWN_SHIM_H
#define NORTHSTAR_CSPAWN_SHIM_H
#include <spawn.h>
extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);
#endif
