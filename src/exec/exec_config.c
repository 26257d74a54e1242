/* The exec module's config tokens (see exec_config.h). The line parser is pure; the path and
 * user checks that need the file system run in exec_config_validate(), right after the line
 * was parsed, so that net-snmp's reader still names its file and line. */
#include "exec/exec_config.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/config.h"

static void *exec_config_new(void)
{
        struct exec_config *c = calloc(1, sizeof(*c));
        if (!c)
                return NULL;
        c->interval_s = EXEC_DEFAULT_INTERVAL;
        c->timeout_s = EXEC_DEFAULT_TIMEOUT;
        c->max_bytes = EXEC_DEFAULT_BYTES;
        c->max_lines = EXEC_DEFAULT_LINES;
        c->parallel = EXEC_DEFAULT_PARALLEL;
        c->fix_gap_s = EXEC_DEFAULT_FIX_GAP;
        return c;
}

static void exec_config_free(void *cfg)
{
        struct exec_config *c = cfg;
        if (!c)
                return;
        free(c->checks);
        free(c);
}

const struct exec_check *exec_config_find(const struct exec_config *c, const char *name)
{
        for (size_t i = 0; c && i < c->n_checks; i++) {
                if (strcmp(c->checks[i].name, name) == 0)
                        return &c->checks[i];
        }
        return NULL;
}

unsigned exec_check_interval(const struct exec_config *c, const struct exec_check *k)
{
        return k->interval_s ? k->interval_s : c->interval_s;
}

unsigned exec_check_timeout(const struct exec_config *c, const struct exec_check *k)
{
        return k->timeout_s ? k->timeout_s : c->timeout_s;
}

unsigned exec_check_fix_gap(const struct exec_config *c, const struct exec_check *k)
{
        return k->fix_gap_s ? k->fix_gap_s : c->fix_gap_s;
}

static const char *skip_blanks(const char *p)
{
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
                p++;
        return p;
}

/* The next word of *pp into out (outsz), as UCD reads command lines: blank-separated, and a
 * word may be quoted with "..." or '...' to hold blanks (the quotes are dropped; no escapes).
 * Returns 1 for a word, 0 at the end, -EINVAL for an unterminated quote or an overlong word. */
static int next_word(const char **pp, char *out, size_t outsz)
{
        const char *p = skip_blanks(*pp);
        if (!*p)
                return 0;
        size_t n = 0;
        char quote = 0;
        for (; *p; p++) {
                if (quote) {
                        if (*p == quote) {
                                quote = 0;
                                continue;
                        }
                } else if (*p == '"' || *p == '\'') {
                        quote = *p;
                        continue;
                } else if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
                        break;
                }
                if (n + 1 >= outsz)
                        return -EINVAL;
                out[n++] = *p;
        }
        if (quote)
                return -EINVAL;
        out[n] = '\0';
        *pp = p;
        return 1;
}

static bool valid_name(const char *s)
{
        size_t n = strlen(s);
        if (n == 0 || n > EXEC_NAME_MAX)
                return false;
        for (const char *p = s; *p; p++) {
                if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f)
                        return false;
        }
        return true;
}

/* UCD's relocatable form "exec .1.3.6.1.4.1.2021.50 NAME PROG": a MIB OID instead of a name. */
static bool looks_like_oid(const char *s)
{
        if (s[0] == '.')
                return true;
        bool dot = false;
        for (const char *p = s; *p; p++) {
                if (*p == '.')
                        dot = true;
                else if (*p < '0' || *p > '9')
                        return false;
        }
        return dot;
}

/* Parse "PROG ARGS" (kind exec) or the shell text (kind sh) into cmd. */
static int parse_command(enum exec_kind kind, const char *token, const char *rest,
                         struct exec_cmd *cmd, char *err, size_t errsz)
{
        memset(cmd, 0, sizeof(*cmd));
        rest = skip_blanks(rest);
        size_t len = strlen(rest);
        while (len && (rest[len - 1] == ' ' || rest[len - 1] == '\t' || rest[len - 1] == '\r' ||
                       rest[len - 1] == '\n'))
                len--;
        if (len == 0) {
                snprintf(err, errsz, "%s: expected '%s NAME PROG [ARGS]'", token, token);
                return -EINVAL;
        }
        if (len >= sizeof(cmd->text)) {
                snprintf(err, errsz, "%s: command longer than %zu bytes", token,
                         sizeof(cmd->text) - 1);
                return -EINVAL;
        }
        memcpy(cmd->text, rest, len);
        cmd->text[len] = '\0';

        /* argv words, packed one after the other in cmd->words */
        const char *p = cmd->text;
        size_t used = 0;
        char word[EXEC_CMD_MAX];
        int r;
        cmd->kind = kind;
        while ((r = next_word(&p, word, sizeof(word))) > 0) {
                if (cmd->argc == EXEC_ARGS_MAX) {
                        snprintf(err, errsz, "%s: more than %d words in the command", token,
                                 EXEC_ARGS_MAX);
                        return -EINVAL;
                }
                size_t wl = strlen(word) + 1;
                if (used + wl > sizeof(cmd->words)) {
                        snprintf(err, errsz, "%s: command too long", token);
                        return -EINVAL;
                }
                memcpy(cmd->words + used, word, wl);
                cmd->off[cmd->argc++] = used;
                used += wl;
        }
        if (r < 0) {
                snprintf(err, errsz, "%s: unterminated quote in the command", token);
                return -EINVAL;
        }
        snprintf(cmd->path, sizeof(cmd->path), "%s", cmd->words);
        if (cmd->path[0] != '/') {
                snprintf(err, errsz,
                         "%s: '%.200s' is not an absolute path: checks run without a PATH "
                         "search, write the full path",
                         token, cmd->path);
                return -EINVAL;
        }
        return 0;
}

size_t exec_cmd_argv(const struct exec_cmd *cmd, const char **argv, size_t n)
{
        size_t k = 0;
        if (n < EXEC_ARGS_MAX + 1)
                return 0;
        if (cmd->kind == EXEC_KIND_SH) {
                /* The shell gets the text as written (quotes and all): /bin/sh -c TEXT. */
                argv[k++] = EXEC_SHELL;
                argv[k++] = "-c";
                argv[k++] = cmd->text;
        } else {
                for (size_t i = 0; i < cmd->argc; i++)
                        argv[k++] = cmd->words + cmd->off[i];
        }
        argv[k] = NULL;
        return k;
}

static int parse_check(struct exec_config *c, const char *token, const char *args, char *err,
                       size_t errsz)
{
        char name[EXEC_NAME_MAX + 2];
        const char *p = args;
        int r = next_word(&p, name, sizeof(name));
        if (r == 0 || (r > 0 && !*skip_blanks(p))) {
                snprintf(err, errsz, "%s: expected '%s NAME PROG [ARGS]'", token, token);
                return -EINVAL;
        }
        if (r < 0 || !valid_name(name)) {
                snprintf(err, errsz,
                         "%s: the check name must be 1..%d printable characters without blanks",
                         token, EXEC_NAME_MAX);
                return -EINVAL;
        }
        if (looks_like_oid(name)) {
                snprintf(err, errsz,
                         "%s: the 'MIBOID NAME PROG' form is not supported: checks are served "
                         "in srvhExtTable (and the UCD extTable with serveUcdExtTable yes)",
                         token);
                return -EINVAL;
        }
        bool fix = strcmp(token, "execfix") == 0;
        if (fix) {
                struct exec_check *k = (struct exec_check *)exec_config_find(c, name);
                if (!k) {
                        snprintf(err, errsz, "%s: no check '%s' defined before this line", token,
                                 name);
                        return -EINVAL;
                }
                struct exec_cmd cmd;
                r = parse_command(EXEC_KIND_EXEC, token, p, &cmd, err, errsz);
                if (r < 0)
                        return r;
                k->fix = cmd;
                k->has_fix = true;
                c->last_fix = (size_t)(k - c->checks) + 1;
                return 0;
        }
        if (exec_config_find(c, name)) {
                snprintf(err, errsz, "%s: check '%s' is already defined", token, name);
                return -EINVAL;
        }
        if (c->n_checks >= EXEC_CHECKS_MAX) {
                snprintf(err, errsz, "%s: more than %d checks", token, EXEC_CHECKS_MAX);
                return -EINVAL;
        }
        static const struct exec_check zero;
        struct exec_check k = zero;
        size_t nl = strnlen(name, sizeof(k.name) - 1); /* checked above: names fit */
        memcpy(k.name, name, nl);
        k.name[nl] = '\0';
        k.kind = strcmp(token, "sh") == 0 ? EXEC_KIND_SH : EXEC_KIND_EXEC;
        r = parse_command(k.kind, token, p, &k.cmd, err, errsz);
        if (r < 0)
                return r;
        struct exec_check *v = realloc(c->checks, (c->n_checks + 1) * sizeof(*v));
        if (!v) {
                snprintf(err, errsz, "%s: out of memory", token);
                return -EINVAL;
        }
        c->checks = v;
        v[c->n_checks++] = k;
        return 0;
}

enum seconds_field { SECONDS_INTERVAL, SECONDS_TIMEOUT, SECONDS_FIX_GAP };

/* "SECONDS" (the default) or "NAME SECONDS" (one check, defined before this line). */
static int parse_seconds(struct exec_config *c, const char *token, const char *args, unsigned hi,
                         unsigned *dflt, enum seconds_field field, char *err, size_t errsz)
{
        char copy[256], *w[2];
        size_t nw = 0;
        if (strlen(args) < sizeof(copy))
                nw = config_split(strcpy(copy, args), w, 2);
        if (nw < 1 || nw > 2) {
                snprintf(err, errsz, "%s: expected '%s [NAME] SECONDS' (1..%u)", token, token, hi);
                return -EINVAL;
        }
        unsigned v;
        if (config_parse_uint(w[nw - 1], 1, hi, &v) < 0) {
                snprintf(err, errsz, "%s: '%s' is not a whole number in 1..%u", token, w[nw - 1],
                         hi);
                return -EINVAL;
        }
        if (nw == 1) {
                *dflt = v;
                return 0;
        }
        struct exec_check *k = (struct exec_check *)exec_config_find(c, w[0]);
        if (!k) {
                snprintf(err, errsz, "%s: no check '%s' defined before this line", token, w[0]);
                return -EINVAL;
        }
        if (field == SECONDS_INTERVAL)
                k->interval_s = v;
        else if (field == SECONDS_TIMEOUT)
                k->timeout_s = v;
        else
                k->fix_gap_s = v;
        return 0;
}

static int parse_output_max(struct exec_config *c, const char *token, const char *args, char *err,
                            size_t errsz)
{
        char copy[128], *w[2];
        size_t nw = 0;
        if (strlen(args) < sizeof(copy))
                nw = config_split(strcpy(copy, args), w, 2);
        unsigned bytes, lines = c->max_lines;
        if (nw < 1 || nw > 2 || config_parse_uint(w[0], 1, EXEC_BYTES_MAX, &bytes) < 0 ||
            (nw == 2 && config_parse_uint(w[1], 1, EXEC_LINES_MAX, &lines) < 0)) {
                snprintf(err, errsz, "%s: expected '%s BYTES [LINES]' (1..%u, 1..%u)", token, token,
                         EXEC_BYTES_MAX, EXEC_LINES_MAX);
                return -EINVAL;
        }
        c->max_bytes = bytes;
        c->max_lines = lines;
        return 0;
}

static int parse_one_word(const char *token, const char *args, char *out, size_t outsz,
                          const char *usage, char *err, size_t errsz)
{
        char copy[256], *w[1];
        if (strlen(args) >= sizeof(copy) || config_split(strcpy(copy, args), w, 1) != 1 ||
            strlen(w[0]) >= outsz) {
                snprintf(err, errsz, "%s: expected '%s %s'", token, token, usage);
                return -EINVAL;
        }
        strcpy(out, w[0]);
        return 0;
}

/* "execfixEnable NAME": errFix may run the fix of NAME, whose execfix line comes before. */
static int parse_fix_enable(struct exec_config *c, const char *token, const char *args, char *err,
                            size_t errsz)
{
        char name[EXEC_NAME_MAX + 1];
        if (parse_one_word(token, args, name, sizeof(name), "NAME", err, errsz) < 0)
                return -EINVAL;
        struct exec_check *k = (struct exec_check *)exec_config_find(c, name);
        if (!k || !k->has_fix) {
                snprintf(err, errsz, "%s: check '%s' has no execfix line before this one", token,
                         name);
                return -EINVAL;
        }
        k->fix_enabled = true;
        return 0;
}

static int exec_config_parse(void *cfg, const char *token, const char *args, char *err,
                             size_t errsz)
{
        struct exec_config *c = cfg;
        if (!args)
                args = "";
        if (!strcmp(token, "exec") || !strcmp(token, "sh") || !strcmp(token, "extend") ||
            !strcmp(token, "execfix"))
                return parse_check(c, token, args, err, errsz);
        if (!strcmp(token, "execInterval"))
                return parse_seconds(c, token, args, CONFIG_INTERVAL_MAX, &c->interval_s,
                                     SECONDS_INTERVAL, err, errsz);
        if (!strcmp(token, "execTimeout"))
                return parse_seconds(c, token, args, CONFIG_TIMEOUT_MAX, &c->timeout_s,
                                     SECONDS_TIMEOUT, err, errsz);
        if (!strcmp(token, "execfixInterval"))
                return parse_seconds(c, token, args, CONFIG_INTERVAL_MAX, &c->fix_gap_s,
                                     SECONDS_FIX_GAP, err, errsz);
        if (!strcmp(token, "execfixEnable"))
                return parse_fix_enable(c, token, args, err, errsz);
        if (!strcmp(token, "execOutputMax"))
                return parse_output_max(c, token, args, err, errsz);
        if (!strcmp(token, "execParallel")) {
                char w[16];
                if (parse_one_word(token, args, w, sizeof(w), "N", err, errsz) < 0 ||
                    config_parse_uint(w, 1, EXEC_PARALLEL_MAX, &c->parallel) < 0) {
                        snprintf(err, errsz, "%s: expected '%s N' (1..%u)", token, token,
                                 EXEC_PARALLEL_MAX);
                        return -EINVAL;
                }
                return 0;
        }
        if (!strcmp(token, "execUser")) {
                c->user_resolved = false;
                return parse_one_word(token, args, c->user, sizeof(c->user), "USER", err, errsz);
        }
        if (!strcmp(token, "serveUcdExtTable")) {
                char w[8];
                if (parse_one_word(token, args, w, sizeof(w), "yes|no", err, errsz) == 0) {
                        if (!strcmp(w, "yes") || !strcmp(w, "no")) {
                                c->serve_ucd = w[0] == 'y';
                                return 0;
                        }
                }
                snprintf(err, errsz, "%s: expected '%s yes' or '%s no'", token, token, token);
                return -EINVAL;
        }
        snprintf(err, errsz, "%s: not an exec token", token);
        return -EINVAL;
}

/* ---- the impure step ------------------------------------------------------------------------ */

static int exec_config_validate(void *cfg, const char *token, char *err, size_t errsz)
{
        struct exec_config *c = cfg;
        char why[CONFIG_ERR_MAX];
        if (!strcmp(token, "execUser")) {
                struct passwd pw, *res = NULL;
                char buf[4096];
                if (getpwnam_r(c->user, &pw, buf, sizeof(buf), &res) != 0 || !res) {
                        snprintf(err, errsz, "execUser: no user '%s'", c->user);
                        c->user[0] = '\0';
                        return -EINVAL;
                }
                if (geteuid() != 0 && res->pw_uid != geteuid()) {
                        snprintf(err, errsz,
                                 "execUser: srvhealthd does not run as root and cannot run "
                                 "checks as '%s'",
                                 c->user);
                        c->user[0] = '\0';
                        return -EINVAL;
                }
                c->uid = res->pw_uid;
                c->gid = res->pw_gid;
                c->user_resolved = true;
                return 0;
        }
        bool fix = !strcmp(token, "execfix");
        if (!fix && strcmp(token, "exec") && strcmp(token, "sh") && strcmp(token, "extend"))
                return 0;
        if (c->n_checks == 0)
                return 0;
        if (fix) {
                /* The line just parsed set the fix of the check it named. */
                if (!c->last_fix || c->last_fix > c->n_checks)
                        return 0;
                struct exec_check *k = &c->checks[c->last_fix - 1];
                if (path_check_trusted(k->fix.path, geteuid(), why, sizeof(why)) < 0) {
                        snprintf(err, errsz, "%s %s: %s", token, k->name, why);
                        k->has_fix = false;
                        return -EINVAL;
                }
                return 0;
        }
        /* The line just parsed added the last check. */
        if (c->n_checks == 0)
                return 0;
        struct exec_check *k = &c->checks[c->n_checks - 1];
        if (path_check_trusted(k->cmd.path, geteuid(), why, sizeof(why)) < 0) {
                snprintf(err, errsz, "%s %s: %s", token, k->name, why);
                c->n_checks--; /* the check is not run at all */
                return -EINVAL;
        }
        return 0;
}

static const struct module_token exec_tokens[] = {
    {"exec", "NAME PROG [ARGS] (no shell; PROG an absolute path)"},
    {"sh", "NAME PROG [ARGS] (run through /bin/sh -c)"},
    {"extend", "NAME PROG [ARGS] (as exec)"},
    {"execfix", "NAME PROG [ARGS] (the fix errFix runs for check NAME)"},
    {"execfixEnable", "NAME (a SET of errFix to 1 may run the fix of NAME)"},
    {"execfixInterval", "[NAME] SECONDS (1..86400 between two errFix runs, default 60)"},
    {"execInterval", "[NAME] SECONDS (1..86400, default 60)"},
    {"execTimeout", "[NAME] SECONDS (1..3600, default 10)"},
    {"execOutputMax", "BYTES [LINES] (default 65536 100)"},
    {"execParallel", "N (1..32 checks at once, default 4)"},
    {"execUser", "USER (default nobody when srvhealthd runs as root)"},
    {"serveUcdExtTable", "yes|no"},
};

const struct module_config_ops exec_config_ops = {
    .tokens = exec_tokens,
    .n_tokens = sizeof(exec_tokens) / sizeof(exec_tokens[0]),
    .new_config = exec_config_new,
    .parse = exec_config_parse,
    .validate = exec_config_validate,
    .free_config = exec_config_free,
};
