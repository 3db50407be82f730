// glibc's Linux file-range calls, which <fcntl.h> and <unistd.h> declare only under
// _GNU_SOURCE and Swift's Glibc module therefore leaves out: starting the disk on a written
// range before the fsync (sync_file_range, Linux 2.6.17), and copying between files inside
// the kernel (copy_file_range, glibc 2.27).
#ifndef NORTHSTAR_CFILERANGE_SHIM_H
#define NORTHSTAR_CFILERANGE_SHIM_H
#include <stdint.h>
#include <sys/types.h>
/// SYNC_FILE_RANGE_WRITE: start writing the range's dirty pages, without waiting for them.
#define NORTHSTAR_SYNC_FILE_RANGE_WRITE 2
extern int sync_file_range(int fd, int64_t offset, int64_t nbytes, unsigned int flags);
extern ssize_t copy_file_range(int fd_in, int64_t *off_in, int fd_out, int64_t *off_out, size_t len, unsigned int flags);
#endif
