/*
 * lsan.h - LSAN_OFF() and LSAN_ON(): around a library call whose own
 * allocations LeakSanitizer must not count (a library's leak, not ours).
 * Nothing outside a build with AddressSanitizer (clang or gcc).
 */
#ifndef MXTRACE_LSAN_H
#define MXTRACE_LSAN_H

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MXTRACE_ASAN	1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(MXTRACE_ASAN)
#include <sanitizer/lsan_interface.h>
#define LSAN_OFF()	__lsan_disable()
#define LSAN_ON()	__lsan_enable()
#else
#define LSAN_OFF()
#define LSAN_ON()
#endif

#endif
