/* The configuration pre-scan (see config_scan.h): finds what net-snmp's reader would silently get
 * wrong (NUL bytes, cut lines, atoi numbers, includes it follows without checks) in the bytes of
 * one file. Pure: no I/O, no logging, no allocation. */
#include "core/config_scan.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/scan.h"

#define TOKEN_MAX 64 /* longer tokens are none we check */

static const struct cscan_range ranges[] = {
    {"agentxPingInterval", 1, 3600, "seconds"},
    {"agentxTimeout", 1, 60, "seconds"},
    {"agentxRetries", 0, 10, "retries"},
};

size_t config_scan_range_count(void)
{
        return sizeof(ranges) / sizeof(ranges[0]);
}

const struct cscan_range *config_scan_range_at(size_t i)
{
        return i < config_scan_range_count() ? &ranges[i] : NULL;
}

static void problem(struct cscan_result *r, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void problem(struct cscan_result *r, unsigned line, const char *fmt, ...)
{
        if (r->n_problems >= CSCAN_PROBLEMS_MAX) {
                r->problems_dropped++;
                return;
        }
        struct cscan_problem *p = &r->problem[r->n_problems++];
        va_list ap;
        p->line = line;
        va_start(ap, fmt);
        vsnprintf(p->text, sizeof(p->text), fmt, ap);
        va_end(ap);
}

/* The first word of a line as copy_nword() reads it: quotes removed, backslash escapes applied.
 * Consumes it and the blanks after it from *s; the decoded word goes to tok (cut to toksz - 1). */
static void take_word(struct scan_span *s, char *tok, size_t toksz)
{
        size_t k = 0, i = 0;
        const char *p = s->p;
        size_t n = s->n;
        char quote = 0;

        if (n > 0 && (p[0] == '"' || p[0] == '\'')) {
                quote = p[0];
                i = 1;
        }
        while (i < n) {
                char c = p[i];
                if (quote ? c == quote : scan_is_blank(c))
                        break;
                if (c == '\\' && i + 1 < n) {
                        c = p[i + 1];
                        i++;
                }
                if (k + 1 < toksz)
                        tok[k++] = c;
                i++;
        }
        if (quote && i < n)
                i++; /* the closing quote */
        tok[k] = '\0';
        while (i < n && scan_is_blank(p[i]))
                i++;
        s->p += i;
        s->n -= i;
}

/* What net-snmp hands a token's handler: the rest of the line, or nothing when that is empty or
 * starts with '#' (skip_white() returns NULL then). */
static bool rest_of_line(struct scan_span s, struct scan_span *ret)
{
        if (s.n == 0 || s.p[0] == '#')
                return false;
        *ret = s;
        return true;
}

static bool has_blank(struct scan_span s)
{
        for (size_t i = 0; i < s.n; i++)
                if (scan_is_blank(s.p[i]))
                        return true;
        return false;
}

/* Quote a span for a message: at most 40 bytes, non-printable bytes as '?'. */
static const char *shown(struct scan_span s, char *buf, size_t bufsz)
{
        size_t k = 0;
        for (size_t i = 0; i < s.n && k + 4 < bufsz && i < 40; i++) {
                unsigned char c = (unsigned char)s.p[i];
                buf[k++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
        }
        if (s.n > 40 && k + 4 < bufsz) {
                memcpy(buf + k, "...", 3);
                k += 3;
        }
        buf[k] = '\0';
        return buf;
}

static void scan_include(struct cscan_result *r, unsigned line, const char *tok,
                         struct scan_span rest, bool have_rest)
{
        char b[64];
        bool dir = strcasecmp(tok, "includeDir") == 0;

        if (strcasecmp(tok, "include") == 0) {
                problem(r, line,
                        "'include' is ignored by net-snmp; write includeFile FILE or includeDir "
                        "DIR");
                return;
        }
        if (strcasecmp(tok, "includeSearch") == 0) {
                problem(r, line,
                        "includeSearch reads files from net-snmp's search path (which includes "
                        "~/.snmp), which srvhealthd cannot vouch for; use includeFile with an "
                        "absolute path");
                return;
        }
        if (!dir && strcasecmp(tok, "includeFile") != 0)
                return; /* "includeFoo": an unknown token, net-snmp says so */
        if (!have_rest) {
                problem(r, line, "%s needs a %s name", tok, dir ? "directory" : "file");
                return;
        }
        if (has_blank(rest)) {
                problem(r, line,
                        "%s '%s': the name contains blanks; net-snmp takes the whole rest of the "
                        "line as the name (put a comment on a line of its own)",
                        tok, shown(rest, b, sizeof(b)));
                return;
        }
        if (dir && rest.p[0] != '/') {
                problem(r, line,
                        "includeDir '%s' is relative: net-snmp resolves it against the working "
                        "directory, which is / once srvhealthd runs in the background; give an "
                        "absolute path",
                        shown(rest, b, sizeof(b)));
                return;
        }
        if (r->n_includes >= CSCAN_INCLUDES_MAX) {
                problem(r, line, "more than %d include lines in one file", CSCAN_INCLUDES_MAX);
                return;
        }
        struct cscan_include *inc = &r->include[r->n_includes++];
        inc->line = line;
        inc->kind = dir ? CSCAN_INCLUDE_DIR : CSCAN_INCLUDE_FILE;
        (void)scan_copy(rest, inc->path, sizeof(inc->path)); /* fits: lines are shorter */
}

static void add_number(struct cscan_result *r, unsigned line, const char *token, uint64_t v,
                       bool ok)
{
        if (r->n_numbers >= CSCAN_NUMBERS_MAX) {
                r->numbers_dropped++;
                return;
        }
        r->number[r->n_numbers++] = (struct cscan_number){line, token, v, ok};
}

static void scan_number(struct cscan_result *r, unsigned line, const struct cscan_range *rg,
                        struct scan_span rest, bool have_rest)
{
        char b[64];
        uint64_t v = UINT64_MAX;
        struct scan_span t = scan_trim(rest);
        int e = have_rest ? scan_u64(t, &v) : -EINVAL;

        if (e == 0 && v >= rg->lo && v <= rg->hi) {
                add_number(r, line, rg->token, v, true);
                return;
        }
        add_number(r, line, rg->token, e == 0 ? v : UINT64_MAX, false);
        if (!have_rest)
                problem(r, line, "%s needs a value: a whole number in %llu..%llu (%s)", rg->token,
                        (unsigned long long)rg->lo, (unsigned long long)rg->hi, rg->unit);
        else if (e == -ERANGE || (e == 0 && v > rg->hi))
                problem(r, line,
                        "%s %s is out of range: it takes %llu..%llu (%s); net-snmp would read a "
                        "number this large with atoi and get a different one",
                        rg->token, shown(t, b, sizeof(b)), (unsigned long long)rg->lo,
                        (unsigned long long)rg->hi, rg->unit);
        else if (e == 0)
                problem(r, line, "%s %s is out of range: it takes %llu..%llu (%s)", rg->token,
                        shown(t, b, sizeof(b)), (unsigned long long)rg->lo,
                        (unsigned long long)rg->hi, rg->unit);
        else
                problem(r, line,
                        "%s '%s' is not a whole number in %llu..%llu (%s); net-snmp would read "
                        "it with atoi",
                        rg->token, shown(t, b, sizeof(b)), (unsigned long long)rg->lo,
                        (unsigned long long)rg->hi, rg->unit);
}

const char *config_scan_agentx_address(const char *addr, size_t n)
{
        struct scan_span s = {addr, addr ? n : 0};

        if (scan_has_nul(s) || has_blank(s))
                return "an AgentX address has no blanks: write unix:/PATH";
        if (scan_take_prefix(&s, "unix:") && s.n > 0 && s.p[0] == '/')
                return NULL;
        s = (struct scan_span){addr, addr ? n : 0};
        if (s.n > 0 && s.p[0] == '/')
                return NULL;
        if (scan_starts_with(s, "tcp:") || scan_starts_with(s, "tcp6:") ||
            scan_starts_with(s, "udp:") || scan_starts_with(s, "udp6:"))
                return "AgentX over TCP has no authentication: whoever reaches the port can "
                       "register in srvhealthd's place; use the master's unix socket, e.g. "
                       "unix:/var/agentx/master";
        return "not a unix socket path: write unix:/PATH (an absolute path), e.g. "
               "unix:/var/agentx/master";
}

static void scan_line(struct cscan_result *r, unsigned line, struct scan_span l)
{
        char tok[TOKEN_MAX], b[64];
        struct scan_span s = l, rest = {NULL, 0};
        bool have_rest;

        while (s.n > 0 && scan_is_blank(s.p[0])) {
                s.p++;
                s.n--;
        }
        if (s.n == 0 || s.p[0] == '#')
                return; /* blank line or comment */
        take_word(&s, tok, sizeof(tok));
        have_rest = rest_of_line(s, &rest);

        if (tok[0] == '[') {
                size_t k = strlen(tok);
                if (k < 2 || tok[k - 1] != ']' || !have_rest)
                        return; /* net-snmp's own error, or a context switch for what follows */
                /* "[type] token args": the token that follows is the one to check */
                take_word(&rest, tok, sizeof(tok));
                have_rest = rest_of_line(rest, &rest);
        } else if (tok[0] == 'i' && strncasecmp(tok, "include", 7) == 0) {
                scan_include(r, line, tok, rest, have_rest);
                return;
        }

        for (size_t i = 0; i < config_scan_range_count(); i++) {
                if (strcasecmp(tok, ranges[i].token) == 0) {
                        scan_number(r, line, &ranges[i], rest, have_rest);
                        return;
                }
        }
        if (strcasecmp(tok, "agentXSocket") == 0) {
                struct scan_span t = scan_trim(rest);
                const char *why = have_rest ? config_scan_agentx_address(t.p, t.n)
                                            : "it needs an address: write unix:/PATH";
                if (why)
                        problem(r, line, "agentXSocket %s: %s", shown(t, b, sizeof(b)), why);
                return;
        }
        if (strcasecmp(tok, "perl") == 0 || strcasecmp(tok, "perlInitFile") == 0)
                problem(r, line,
                        "%s would run embedded Perl code inside srvhealthd; it is not "
                        "supported: remove the line (use an exec check for commands)",
                        tok);
}

int config_scan(const char *p, size_t n, struct cscan_result *ret)
{
        if (!ret || (!p && n > 0))
                return -EINVAL;
        memset(ret, 0, sizeof(*ret));

        struct scan_span s = {p, n};
        unsigned line = 0;
        while (s.n > 0) {
                size_t len = s.n, next = s.n;
                if (scan_find(s, '\n', &len))
                        next = len + 1;
                struct scan_span l = {s.p, len};
                s.p += next;
                s.n -= next;
                line++;

                size_t nul;
                if (scan_find(l, '\0', &nul)) {
                        problem(ret, line,
                                "NUL byte at column %zu: net-snmp would silently drop the rest "
                                "of the line; remove it (the file may not be text)",
                                nul + 1);
                        continue;
                }
                if (l.n > CSCAN_LINE_MAX) {
                        problem(ret, line,
                                "line is %zu bytes long; net-snmp reads at most %d and would "
                                "read the rest as a directive of its own: shorten or split it",
                                l.n, CSCAN_LINE_MAX);
                        continue;
                }
                scan_line(ret, line, l);
        }
        ret->lines = line;
        return 0;
}
