/* Check output as the MIB serves it: the raw bytes a check wrote (NULs, invalid UTF-8, any
 * length) split into lines, each made safe for a DisplayString and capped. Pure: no I/O, no
 * logging, no globals. Feeds srvhExtOutput (the first line) and srvhExtOutputTable (all). */
#ifndef SRVH_EXEC_OUTPUT_H
#define SRVH_EXEC_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

#define EXEC_LINE_MAX 255 /* octets of one served line: a DisplayString's limit */

struct exec_output_caps {
        size_t max_lines;      /* lines kept; later ones are dropped */
        size_t max_line_bytes; /* octets per line (at most EXEC_LINE_MAX); longer lines are cut */
};

/* Owner: the caller, freed with exec_output_free(). lines[i] points into buf. */
struct exec_output {
        size_t n_lines;
        const char **lines; /* n_lines C strings; never NULL */
        char *buf;
        bool truncated;  /* a line was cut or lines were dropped */
        size_t replaced; /* bytes replaced by '?' (NUL, control, invalid UTF-8) */
};

/*
 * Split data[0..len) into lines (core/scan's rules: '\n' ends a line, a '\r' before it is
 * dropped, the last line needs no '\n', so "" is no line and "a\n" one) and sanitise each:
 *  - a well-formed UTF-8 sequence (shortest form, no surrogates, at most U+10FFFF) is kept;
 *  - each byte of a malformed sequence, NUL, every other C0 control but TAB, and DEL become
 *    '?', counted in replaced;
 *  - a line longer than max_line_bytes is cut there, never inside a UTF-8 sequence.
 * At most max_lines lines are kept. Returns 0 with *ret set, -EINVAL for caps of 0 lines or
 * bytes (or data NULL with len > 0), -ENOMEM.
 */
int exec_output_parse(const char *data, size_t len, const struct exec_output_caps *caps,
                      struct exec_output **ret);

void exec_output_free(struct exec_output *o); /* accepts NULL */

#endif
