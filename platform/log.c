/* log — one line per event, one write(2) per line (see log.h). */
#include "platform/log.h"

#include "platform/timeutil.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define LOG_LINE_MAX 2048

static enum log_level min_level = LOG_LEVEL_INFO;
static char component[64] = "-";
static int log_fd = 2;

static const char *const level_names[] = {"DEBUG", "INFO", "WARN", "ERROR"};

void log_set_component(const char *c)
{
    snprintf(component, sizeof(component), "%s", c);
}

void log_set_level(enum log_level level)
{
    min_level = level;
}

enum log_level log_get_level(void)
{
    return min_level;
}

void log_set_fd(int fd)
{
    log_fd = fd;
}

int log_level_parse(const char *s, enum log_level *out)
{
    for (int i = 0; i < 4; i++) {
        if (strcasecmp(s, level_names[i]) == 0) {
            *out = (enum log_level)i;
            return 0;
        }
    }
    if (strcasecmp(s, "warning") == 0) {
        *out = LOG_LEVEL_WARN;
        return 0;
    }
    return -1;
}

void log_event(enum log_level level, const char *event, const char *fmt, ...)
{
    if (level < min_level)
        return;
    char line[LOG_LINE_MAX];
    char ts[32];
    int n = snprintf(line, sizeof(line), "%s %s %s %s ",
                     time_format_iso8601(time_wall_ms(), ts, sizeof(ts)), level_names[level],
                     component, event);
    if (n < 0)
        return;
    size_t used = (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1;
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(line + used, sizeof(line) - used, fmt, ap);
    va_end(ap);
    if (m > 0)
        used += (size_t)m < sizeof(line) - used ? (size_t)m : sizeof(line) - used - 1;
    while (used > 0 && line[used - 1] == ' ')
        used--;
    if (used >= sizeof(line) - 1)
        used = sizeof(line) - 2;
    line[used++] = '\n';
    ssize_t w = write(log_fd, line, used);
    (void)w;
}

const char *log_quote(const char *s, size_t len, char *out, size_t size)
{
    int needs = len == 0;
    for (size_t i = 0; i < len && !needs; i++) {
        unsigned char c = (unsigned char)s[i];
        needs = c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7f;
    }
    if (!needs) {
        size_t n = len < size - 1 ? len : size - 1;
        memcpy(out, s, n);
        out[n] = '\0';
        return out;
    }
    size_t o = 0;
    out[o++] = '"';
    for (size_t i = 0; i < len && o + 5 < size; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            out[o++] = '\\';
            out[o++] = (char)c;
        } else if (c < ' ' || c == 0x7f) {
            o += (size_t)snprintf(out + o, size - o, "\\x%02x", c);
        } else {
            out[o++] = (char)c;
        }
    }
    out[o++] = '"';
    out[o] = '\0';
    return out;
}
