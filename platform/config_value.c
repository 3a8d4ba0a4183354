/* config_value — the text syntax of option values: int, bool, size, duration
 * (see config.h). Pure functions. */
#include "platform/config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

int config_parse_int(const char *s, int64_t *out)
{
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    if (!is_digit(*p))
        return -EINVAL;
    for (const char *q = p; *q; q++) {
        if (!is_digit(*q))
            return -EINVAL;
    }
    errno = 0;
    long long v = strtoll(s, NULL, 10);
    if (errno == ERANGE)
        return -ERANGE;
    *out = v;
    return 0;
}

int config_parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};
    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
        if (strcasecmp(s, yes[i]) == 0) {
            *out = true;
            return 0;
        }
        if (strcasecmp(s, no[i]) == 0) {
            *out = false;
            return 0;
        }
    }
    return -EINVAL;
}

/* Read the digits at *p into *v, advancing *p. -EINVAL if none, -ERANGE on overflow. */
static int read_digits(const char **p, uint64_t *v)
{
    if (!is_digit(**p))
        return -EINVAL;
    uint64_t n = 0;
    while (is_digit(**p)) {
        unsigned d = (unsigned)(**p - '0');
        if (n > (UINT64_MAX - d) / 10)
            return -ERANGE;
        n = n * 10 + d;
        (*p)++;
    }
    *v = n;
    return 0;
}

static int mul_checked(uint64_t a, uint64_t b, uint64_t *out)
{
    if (b && a > UINT64_MAX / b)
        return -ERANGE;
    *out = a * b;
    return 0;
}

int config_parse_size(const char *s, uint64_t *out)
{
    static const char units[] = "kmgt";
    const char *p = s;
    uint64_t n;
    int rc = read_digits(&p, &n);
    if (rc != 0)
        return rc;
    uint64_t mult = 1;
    if (*p && *p != 'b' && *p != 'B') {
        const char *u = strchr(units, *p | 0x20);
        if (!u)
            return -EINVAL;
        for (const char *k = units; k <= u; k++)
            mult *= 1024;
        p++;
        if ((*p | 0x20) == 'i' && (p[1] | 0x20) == 'b')
            p++;
    }
    if ((*p | 0x20) == 'b')
        p++;
    if (*p)
        return -EINVAL;
    return mul_checked(n, mult, out);
}

/* Milliseconds per unit at *p ("ms", "s", "m", "h"), advancing *p; 0 if none. */
static uint64_t read_unit(const char **p)
{
    if (strncmp(*p, "ms", 2) == 0) {
        *p += 2;
        return 1;
    }
    uint64_t ms = **p == 's' ? 1000 : **p == 'm' ? 60000 : **p == 'h' ? 3600000 : 0;
    if (ms)
        (*p)++;
    return ms;
}

int config_parse_duration(const char *s, uint64_t *out_ms)
{
    if (strcmp(s, "0") == 0) {
        *out_ms = 0;
        return 0;
    }
    const char *p = s;
    uint64_t total = 0;
    do {
        uint64_t n, part;
        int rc = read_digits(&p, &n);
        if (rc != 0)
            return rc;
        uint64_t unit = read_unit(&p);
        if (!unit)
            return -EINVAL;
        if ((rc = mul_checked(n, unit, &part)) != 0)
            return rc;
        if (part > UINT64_MAX - total)
            return -ERANGE;
        total += part;
    } while (*p);
    *out_ms = total;
    return 0;
}
