#pragma once

#include <QString>

#include <sys/types.h>

namespace onramp::io {

/// Onramp's own write-side system calls, and SQLite's through a VFS, pass
/// through one TEST-ONLY seam. In a release build (ONRAMP_NO_TEST_SWITCHES) these
/// are the plain calls and the VFS is never registered.
///
/// With ONRAMP_TEST_FAULT set, every write, pwrite, fsync (of a file or a
/// folder), rename, ftruncate and unlink is counted, in the order the process
/// makes them, and call N can be made to fail or to stop the process:
///   count         only count; print "onramp-test-fault: C calls" at exit
///   eio@N         call N fails with EIO (once)
///   enospc@N      call N and every later write fails with ENOSPC: the disk is full
///   kill@N        SIGKILL just before call N, as if the process were killed
///   powerloss@N   just before call N, undo every write the process has not yet
///                 made durable, then SIGKILL: the state a power cut leaves. When
///                 the process makes fewer than N calls, the power fails at exit,
///                 after it has reported its result.
/// When a fault fires it prints "onramp-test-fault: MODE at call N: CALL PATH" on
/// stderr, and "onramp-test-fault: C calls" at exit.
///
/// Durability follows POSIX: a file's bytes are durable once it was fsynced, a
/// name created, renamed or removed once its folder was fsynced.

/// open(2) for writing; a file it creates is tracked until its folder is synced.
int open(const char* path, int flags, mode_t mode);
/// close(2) for a descriptor from open().
int close(int fd);
/// write(2) of all of \a size bytes, retried on EINTR and short writes.
ssize_t writeAll(int fd, const void* data, size_t size);
int fsync(int fd);
int rename(const char* from, const char* to);
/// Swaps the two names \a a and \a b (folders or files, on one file system)
/// in one step (renameat2 with RENAME_EXCHANGE): nobody sees either name
/// missing. Counted as one rename.
int exchange(const char* a, const char* b);
/// unlink(2); the name is gone for good once the folder is synced.
int unlink(const char* path);
/// Opens \a dir and fsyncs it, so that names created, renamed or removed in it are durable.
int syncDirectory(const char* dir);
/// mkdir(2); a folder it creates is tracked until its parent is synced.
int mkdir(const char* path, mode_t mode);

/// Routes SQLite's file I/O through the seam when ONRAMP_TEST_FAULT is set:
/// call before the first database is opened. Does nothing otherwise.
void installSqliteSeam();

/// The seam's description of errno \a error ("No space left on device"...).
QString describe(int error);

} // namespace onramp::io
