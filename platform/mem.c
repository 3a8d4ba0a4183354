/* mem — allocator wrapper with countdown failure injection (see mem.h). */
#include "platform/mem.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

static long fail_countdown = -1;
static long injected;

static int should_fail(void)
{
    if (fail_countdown < 0)
        return 0;
    if (fail_countdown == 0) {
        injected++;
        return 1;
    }
    fail_countdown--;
    return 0;
}

void *mem_alloc(size_t n)
{
    if (should_fail())
        return NULL;
    return malloc(n ? n : 1);
}

void *mem_calloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    if (should_fail())
        return NULL;
    return calloc(count ? count : 1, size ? size : 1);
}

void *mem_realloc(void *p, size_t n)
{
    if (should_fail())
        return NULL;
    return realloc(p, n ? n : 1);
}

void mem_free(void *p)
{
    free(p);
}

char *mem_strndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *d = mem_alloc(len + 1);
    if (!d)
        return NULL;
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

char *mem_strdup(const char *s)
{
    return mem_strndup(s, SIZE_MAX);
}

void *mem_dup(const void *p, size_t n)
{
    void *d = mem_alloc(n);
    if (d && n)
        memcpy(d, p, n);
    return d;
}

void mem_fail_after(long n)
{
    fail_countdown = n;
    injected = 0;
}

long mem_injected_failures(void)
{
    return injected;
}

int mem_install_hooks(void)
{
    json_set_alloc_funcs(mem_alloc, mem_free);
    return uv_replace_allocator(mem_alloc, mem_realloc, mem_calloc, mem_free);
}
