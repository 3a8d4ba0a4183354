/*
 * mem — the one allocator of the project.
 *
 * Every allocation goes through these functions so that tests can make the n-th
 * allocation fail (mem_fail_after) and check that every error path frees what it
 * took. libuv and jansson are pointed here by mem_install_hooks(); the region
 * center points raft here too. All functions return NULL on failure and never abort.
 */
#ifndef PLATFORM_MEM_H
#define PLATFORM_MEM_H

#include <stddef.h>

/* malloc(n); NULL on failure or injected failure. */
void *mem_alloc(size_t n);

/* calloc(count, size) with overflow check; NULL on failure. */
void *mem_calloc(size_t count, size_t size);

/* realloc(p, n); on failure p is left untouched and NULL is returned. */
void *mem_realloc(void *p, size_t n);

/* free(p); NULL is fine. */
void mem_free(void *p);

/* strdup / strndup through mem_alloc. */
char *mem_strdup(const char *s);
char *mem_strndup(const char *s, size_t n);

/* Copy n bytes into a new allocation (n may be 0: returns a valid 1-byte block). */
void *mem_dup(const void *p, size_t n);

/*
 * Test hook: the next n allocations succeed, every one after fails until reset.
 * n < 0 disables injection (the default). Not thread-safe: for single-threaded tests.
 */
void mem_fail_after(long n);

/* Number of allocations that failed by injection since the last mem_fail_after(). */
long mem_injected_failures(void);

/* Route libuv's and jansson's allocations through this module. Call once, first. */
int mem_install_hooks(void);

#endif
