/*
 * crc32c — CRC-32C (Castagnoli, polynomial 0x1EDC6F41, reflected 0x82F63B78).
 *
 * The checksum of every change-log and replication record. Uses the SSE4.2 crc32
 * instruction when the CPU has it (checked at run time), else a portable
 * slicing-by-8 table. Both give identical results; crc32c_update_sw() is the
 * portable path, exposed so tests can check one against the other.
 *
 * Values are the standard CRC-32C (init and final xor 0xFFFFFFFF are applied
 * inside): crc32c_update(0, "123456789", 9) == 0xE3069283, and updates chain:
 * crc32c_update(crc32c_update(0, a, n), b, m) equals the CRC of a followed by b.
 * Thread-safe; no allocation.
 */
#ifndef PLATFORM_CRC32C_H
#define PLATFORM_CRC32C_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Extend crc (0 to start) with p[0..len); returns the new crc. p may be NULL if len is 0. */
uint32_t crc32c_update(uint32_t crc, const void *p, size_t len);

/* The same, always through the portable table (for tests and comparison). */
uint32_t crc32c_update_sw(uint32_t crc, const void *p, size_t len);

/* True if crc32c_update() uses the CPU's crc32 instruction. */
bool crc32c_hw_available(void);

#endif
