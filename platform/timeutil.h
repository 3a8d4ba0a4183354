/*
 * timeutil — clocks and time formatting.
 *
 * Core state machines never read a clock themselves: they are handed `now` (in
 * milliseconds) by their caller, so tests drive them with a fake clock. Only the
 * I/O edge calls these functions.
 */
#ifndef PLATFORM_TIMEUTIL_H
#define PLATFORM_TIMEUTIL_H

#include <stddef.h>
#include <stdint.h>

/* Monotonic milliseconds (CLOCK_MONOTONIC): for timeouts and durations. */
uint64_t time_mono_ms(void);

/* Monotonic microseconds: for latency measurements. */
uint64_t time_mono_us(void);

/* Wall-clock milliseconds since the Unix epoch: for timestamps that leave the process. */
uint64_t time_wall_ms(void);

/* Format wall-clock ms as ISO 8601 UTC with milliseconds ("2026-11-22T10:11:12.345Z").
 * out must hold at least 25 bytes; returns out. */
char *time_format_iso8601(uint64_t wall_ms, char *out, size_t size);

#endif
