/* Text scanning for every pure parser (mdstat, md sysfs, zpool -Hp / status, ZFS kstats, check
 * output): a span over caller bytes and the few operations parsers need on it. Pure: no I/O,
 * no logging, no globals, no allocation; never reads past the span, never needs a NUL. */
#ifndef SRVH_CORE_SCAN_H
#define SRVH_CORE_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A view into bytes the caller owns: p[0..n), not NUL-terminated. p may be NULL only when
 * n == 0. A span passed by pointer is a cursor: the scan_take_* and scan_next_* functions
 * consume from its front (scan_strip_suffix from its back) and never move it backwards.
 *
 * Common rules:
 * - A function that returns false or a negative errno leaves the cursor and its ret_* outputs
 *   as they were.
 * - Results are sub-spans of the input; nothing is copied except by scan_copy().
 * - "Blank" is one of ' ', '\t', '\n', '\r', '\v', '\f' (the C locale's isspace()).
 * - Literals (lit) are NUL-terminated C strings.
 */
struct scan_span {
        const char *p;
        size_t n;
};

bool scan_is_blank(char c);
bool scan_is_digit(char c); /* '0'..'9' only */

/* ---- splitting ------------------------------------------------------------------------------ */

/* Splits off the next line: the bytes up to '\n' (which is consumed, not returned), with one
 * '\r' before it removed, so "\r\n" files read as "\n" files. The last line needs no final
 * newline ("a\nb" is two lines; "a\n" is one; "" is none). A lone '\r' elsewhere stays in the
 * line. False when the cursor is empty. */
bool scan_next_line(struct scan_span *s, struct scan_span *ret_line);

/* Skips blanks and splits off the next run of non-blank bytes. False when only blanks (or
 * nothing) remain. */
bool scan_next_token(struct scan_span *s, struct scan_span *ret_tok);

/* Splits off the next field separated by exactly sep, as strsep(3) does: every separator
 * delimits a field, so "a\t\tb" gives "a", "", "b", "a\t" gives "a", "", and an empty span
 * gives one empty field. After the last field the cursor is {NULL, 0}; false only then.
 * Fields are not trimmed. For `zpool ... -H` output (sep '\t'). */
bool scan_next_field(struct scan_span *s, char sep, struct scan_span *ret_field);

/* Splits s at its first sep into a key and a value, both trimmed: "ashift=12",
 * " state: ONLINE" (sep ':'), "key : value". False when sep does not occur. */
bool scan_split(struct scan_span s, char sep, struct scan_span *ret_key,
                struct scan_span *ret_value);

/* s without leading and trailing blanks. */
struct scan_span scan_trim(struct scan_span s);

/* ---- comparing and consuming literals ------------------------------------------------------- */

bool scan_eq(struct scan_span s, const char *lit); /* the whole span is lit */
bool scan_starts_with(struct scan_span s, const char *lit);
bool scan_ends_with(struct scan_span s, const char *lit);

/* Consume c / lit from the front, or lit from the back ("1.83x" -> "1.83"), if it is there. */
bool scan_take_char(struct scan_span *s, char c);
bool scan_take_prefix(struct scan_span *s, const char *lit);
bool scan_strip_suffix(struct scan_span *s, const char *lit);

/* Offset of the first c in s into *ret_off (which may be NULL); false when c does not occur. */
bool scan_find(struct scan_span s, char c, size_t *ret_off);

/* Whether s contains a NUL byte: text that C string code would silently cut short. */
bool scan_has_nul(struct scan_span s);

/* Copies s into out[outsz] as a C string, cut to outsz - 1 bytes when it is longer. Returns
 * false when it had to cut (or outsz is 0, then nothing is written). */
bool scan_copy(struct scan_span s, char *out, size_t outsz);

/* ---- numbers ---------------------------------------------------------------------------------
 * Each comes in two forms: scan_take_X() reads a number at the front of the cursor and consumes
 * it, leaving whatever follows ("512k" -> 512, "k" left); scan_X() needs the whole span to be the
 * number, with no blanks around it (trim first if they may occur).
 * Returns 0, -EINVAL when there is no number of that form, -ERANGE when it does not fit. */

/* Unsigned decimal: one or more digits, no sign ('+' and '-' are -EINVAL), 0..UINT64_MAX. */
int scan_take_u64(struct scan_span *s, uint64_t *ret);
int scan_u64(struct scan_span s, uint64_t *ret);

/* Signed decimal: an optional single '-' or '+', then one or more digits; INT64_MIN..INT64_MAX.
 * "-0" is 0. */
int scan_take_i64(struct scan_span *s, int64_t *ret);
int scan_i64(struct scan_span s, int64_t *ret);

/* Unsigned decimal with an optional fraction, as fixed point with frac_digits (0..19) decimals:
 * "37.4" with 2 -> 3740, "37" -> 3700, "0.05" -> 5. Form: digits, then optionally '.' and at
 * least one digit ("37." and ".5" are -EINVAL). Fraction digits beyond frac_digits are consumed
 * and dropped, i.e. the value is truncated toward zero ("99.999" with 2 -> 9999), as the kernel
 * truncates the percentages it prints: a scale never shows 100.00 before the work is done.
 * -EINVAL also for frac_digits > 19. A unit suffix ("x", "%") is the caller's to strip. */
int scan_take_fixed(struct scan_span *s, unsigned frac_digits, uint64_t *ret);
int scan_fixed(struct scan_span s, unsigned frac_digits, uint64_t *ret);

/* Hexadecimal: an optional "0x" or "0X", then one or more of 0-9a-fA-F; 0..UINT64_MAX (leading
 * zeros do not count against the range). "0x" without a digit is -EINVAL. */
int scan_take_hex(struct scan_span *s, uint64_t *ret);
int scan_hex(struct scan_span s, uint64_t *ret);

#endif
