/*
 * addr — "host:port" strings.
 *
 * Accepts `1.2.3.4:1883`, `[::1]:1883`, `name:1883` and `:1883` (all addresses).
 * Names are resolved by the caller (uv_getaddrinfo at the I/O edge); this module only
 * splits and parses numeric forms, so it is pure.
 */
#ifndef PLATFORM_ADDR_H
#define PLATFORM_ADDR_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

/* Split s into host (without brackets; "" for `:port`) and port.
 * 0 on success, -EINVAL on a malformed string or a port outside 1..65535. */
int addr_split(const char *s, char *host, size_t host_size, uint16_t *port);

/* Parse a numeric address ("" or "*" means 0.0.0.0) into ss.
 * 0 on success, -EINVAL if s is malformed or the host is not a numeric address. */
int addr_parse_numeric(const char *s, struct sockaddr_storage *ss);

/* Format an address as "ip:port" ("[ip6]:port"); returns out. */
const char *addr_format(const struct sockaddr *sa, char *out, size_t size);

#endif
