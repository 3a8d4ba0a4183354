/*
 * utf8 — strict UTF-8 checks (no overlong forms, no surrogates, nothing above
 * U+10FFFF), for text that leaves the process in formats that require UTF-8
 * (Prometheus labels, JSON error messages). Pure.
 */
#ifndef PLATFORM_UTF8_H
#define PLATFORM_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* The length (1..4) of the valid sequence at p[0..left), or 0 if it is not one. */
size_t utf8_seq_len(const void *p, size_t left);

/* Are the n bytes at s valid UTF-8 (NUL bytes included)? */
bool utf8_valid(const void *s, size_t n);

#endif
