/*
 * log — one line per event.
 *
 * Every line: `<ISO time> <LEVEL> <component> <event> <key=value ...>`, written
 * with a single write(2) to stderr so lines from several processes never mix.
 * Events are dotted names (`mqtt.connect`, `repl.link_up`); details are
 * key=value pairs, values quoted with log_quote() when they may hold spaces.
 */
#ifndef PLATFORM_LOG_H
#define PLATFORM_LOG_H

#include <stddef.h>

enum log_level {
    LOG_LEVEL_DEBUG = 0,
    LOG_LEVEL_INFO = 1,
    LOG_LEVEL_WARN = 2,
    LOG_LEVEL_ERROR = 3,
};

/* Set the component name printed on each line (e.g. "unitd/unit-a"); copied. */
void log_set_component(const char *component);

/* Lines below this level are dropped. Default: INFO. */
void log_set_level(enum log_level level);
enum log_level log_get_level(void);

/* Parse "debug"|"info"|"warn"|"error". 0 on success, -1 otherwise. */
int log_level_parse(const char *s, enum log_level *out);

/* Send lines to this fd instead of 2 (tests capture logs this way). */
void log_set_fd(int fd);

/* Emit one event line. `fmt` formats the key=value part (may be "" ). */
void log_event(enum log_level level, const char *event, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Copy s into out as a log-safe value: quoted and escaped if it holds spaces,
 * quotes, '=' or control bytes, truncated to fit; returns out. */
const char *log_quote(const char *s, size_t len, char *out, size_t size);

#define log_debug(event, ...) log_event(LOG_LEVEL_DEBUG, event, __VA_ARGS__)
#define log_info(event, ...)  log_event(LOG_LEVEL_INFO, event, __VA_ARGS__)
#define log_warn(event, ...)  log_event(LOG_LEVEL_WARN, event, __VA_ARGS__)
#define log_error(event, ...) log_event(LOG_LEVEL_ERROR, event, __VA_ARGS__)

#endif
