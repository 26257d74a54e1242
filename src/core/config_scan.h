/* The pre-scan of one configuration file, before net-snmp reads it: the bytes of the file in, the
 * problems (with line numbers), the include directives and the checked net-snmp numbers out.
 * Pure: no I/O, no logging, no allocation. src/agent/config_guard.c opens the files and follows
 * the includes; srvhealthd.conf(5) documents the rules. */
#ifndef SRVH_CONFIG_SCAN_H
#define SRVH_CONFIG_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * How net-snmp 5.9.3's read_config() reads a file, and so what this scanner assumes:
 * - a line is read with fgets() into 1024 bytes: a line longer than CSCAN_LINE_MAX bytes is cut
 *   and its tail is read as a new directive (so a long comment can hide one): refused here;
 * - a NUL byte ends the line for C string code and the rest is silently lost: refused here;
 * - '#' starts a comment only as the first non-blank character; there are no continuation
 *   lines (a trailing backslash is kept as text);
 * - the first word is the token, matched without regard to case; it may be quoted ("..." or
 *   '...') and a backslash escapes the next character, as in copy_nword();
 * - includeFile/includeDir/includeSearch are recognised only when the token starts with a lower
 *   case 'i' (net-snmp's own test), and take the rest of the line, blanks included, as the name;
 * - "[type] token args" sends one line to another file type's tokens.
 */
#define CSCAN_LINE_MAX     1022 /* longest line net-snmp reads whole: 1024 - newline - NUL */
#define CSCAN_PROBLEMS_MAX 32
#define CSCAN_INCLUDES_MAX 32
#define CSCAN_NUMBERS_MAX  32
#define CSCAN_TEXT_MAX     320
#define CSCAN_PATH_MAX     (CSCAN_LINE_MAX + 1)

enum cscan_include_kind {
        CSCAN_INCLUDE_FILE, /* includeFile: relative names resolve against the including file */
        CSCAN_INCLUDE_DIR,  /* includeDir: every *.conf of the directory (absolute names only) */
};

struct cscan_problem {
        unsigned line; /* 1-based */
        char text[CSCAN_TEXT_MAX];
};

struct cscan_include {
        unsigned line;
        enum cscan_include_kind kind;
        char path[CSCAN_PATH_MAX]; /* as written */
};

/* A net-snmp number this scanner checks (agentxPingInterval...), in range or not. */
struct cscan_number {
        unsigned line;
        const char *token; /* canonical spelling, static */
        uint64_t value;    /* UINT64_MAX when it did not fit */
        bool ok;           /* a whole number within the token's range */
};

/* Everything found in one file. Large (about 50 KiB): allocate it. Lists that overflow their
 * array are counted in the *_dropped fields; a dropped include is also a problem. */
struct cscan_result {
        unsigned lines;
        struct cscan_problem problem[CSCAN_PROBLEMS_MAX];
        size_t n_problems, problems_dropped;
        struct cscan_include include[CSCAN_INCLUDES_MAX];
        size_t n_includes;
        struct cscan_number number[CSCAN_NUMBERS_MAX];
        size_t n_numbers, numbers_dropped;
};

/* Scan p[0..n) (any bytes; p may be NULL when n is 0) into *ret, which is overwritten.
 * Returns 0, or -EINVAL for p NULL with n > 0 or ret NULL. The number of problems is
 * ret->n_problems + ret->problems_dropped. */
int config_scan(const char *p, size_t n, struct cscan_result *ret);

/* The ranges of the net-snmp numbers the scanner checks (documented in srvhealthd.conf(5)). */
struct cscan_range {
        const char *token; /* canonical spelling */
        uint64_t lo, hi;
        const char *unit; /* "seconds", "retries" */
};
size_t config_scan_range_count(void);
const struct cscan_range *config_scan_range_at(size_t i);

/* An AgentX address as agentXSocket or -x gives it: NULL when acceptable ("unix:/PATH" or
 * "/PATH"), else a sentence saying why not and what to write instead. Static text. */
const char *config_scan_agentx_address(const char *addr, size_t n);

#endif
