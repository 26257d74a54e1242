/* Specification of the text scanner every parser uses (src/core/scan.c): lines, tokens,
 * fields, literals and numbers over buffers without a NUL. Inputs are copied into heap blocks of
 * exactly their length, so ASan builds catch any read past the end. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/scan.h"

/* Heap blocks handed out by in(), freed after each test. */
static char *blocks[16];
static size_t n_blocks;

/* A span over a heap copy of text[0..n) with nothing after it. */
static struct scan_span in_n(const char *text, size_t n)
{
        char *b = malloc(n ? n : 1);

        assert_non_null(b);
        assert_true(n_blocks < sizeof(blocks) / sizeof(blocks[0]));
        memcpy(b, text, n);
        blocks[n_blocks++] = b;
        return (struct scan_span){b, n};
}

#define in(lit) in_n((lit), sizeof(lit) - 1)

static int free_blocks(void **state)
{
        (void)state;
        while (n_blocks > 0)
                free(blocks[--n_blocks]);
        return 0;
}

static void assert_span(struct scan_span s, const char *want)
{
        if (!scan_eq(s, want))
                fail_msg("span \"%.*s\" is not \"%s\"", (int)s.n, s.p ? s.p : "", want);
}

/* ---- lines ---------------------------------------------------------------------------------- */

static void test_scan_line_last_line_needs_no_newline(void **state)
{
        struct scan_span s = in("a\nbc"), l;

        (void)state;
        assert_true(scan_next_line(&s, &l));
        assert_span(l, "a");
        assert_true(scan_next_line(&s, &l));
        assert_span(l, "bc");
        assert_false(scan_next_line(&s, &l));
}

static void test_scan_line_final_newline_makes_no_extra_line(void **state)
{
        struct scan_span s = in("a\n\nb\n"), l;

        (void)state;
        assert_true(scan_next_line(&s, &l));
        assert_span(l, "a");
        assert_true(scan_next_line(&s, &l)); /* an empty line in the middle is a line */
        assert_span(l, "");
        assert_true(scan_next_line(&s, &l));
        assert_span(l, "b");
        assert_false(scan_next_line(&s, &l));
}

static void test_scan_line_crlf_loses_its_cr(void **state)
{
        struct scan_span s = in("md0 : active\r\n\r\nend\r"), l;

        (void)state;
        assert_true(scan_next_line(&s, &l));
        assert_span(l, "md0 : active");
        assert_true(scan_next_line(&s, &l));
        assert_span(l, "");
        assert_true(scan_next_line(&s, &l));
        assert_span(l, "end");
        assert_false(scan_next_line(&s, &l));
}

static void test_scan_line_lone_cr_inside_a_line_is_kept(void **state)
{
        struct scan_span s = in("a\rb\r\r\n"), l;

        (void)state;
        assert_true(scan_next_line(&s, &l));
        assert_span(l, "a\rb\r"); /* only the one before '\n' goes */
}

static void test_scan_line_empty_input_has_no_line(void **state)
{
        struct scan_span s = {NULL, 0}, l = {"x", 1};

        (void)state;
        assert_false(scan_next_line(&s, &l));
        assert_span(l, "x"); /* untouched */
        s = in("");
        assert_false(scan_next_line(&s, &l));
}

/* ---- tokens and fields ---------------------------------------------------------------------- */

static void test_scan_token_every_blank_kind_separates(void **state)
{
        struct scan_span s = in(" a\tb\vc\fd\re\nf "), t;
        const char *want[] = {"a", "b", "c", "d", "e", "f"};

        (void)state;
        for (size_t i = 0; i < 6; i++) {
                assert_true(scan_next_token(&s, &t));
                assert_span(t, want[i]);
        }
        assert_false(scan_next_token(&s, &t));
}

static void test_scan_token_at_the_very_end_of_the_buffer(void **state)
{
        struct scan_span s = in("blocks 512k"), t;

        (void)state;
        assert_true(scan_next_token(&s, &t));
        assert_true(scan_next_token(&s, &t));
        assert_span(t, "512k");
        assert_ptr_equal(t.p + t.n, s.p); /* ends exactly where the buffer ends */
        assert_int_equal(s.n, 0);
}

static void test_scan_token_only_blanks_is_false_and_keeps_cursor(void **state)
{
        struct scan_span s = in(" \t\r\n"), before = s, t = {"x", 1};

        (void)state;
        assert_false(scan_next_token(&s, &t));
        assert_ptr_equal(s.p, before.p);
        assert_int_equal(s.n, before.n);
        assert_span(t, "x");
}

static void test_scan_field_every_separator_delimits_a_field(void **state)
{
        struct scan_span s = in("tank\t\t-\t"), f;
        const char *want[] = {"tank", "", "-", ""};

        (void)state;
        for (size_t i = 0; i < 4; i++) {
                assert_true(scan_next_field(&s, '\t', &f));
                assert_span(f, want[i]);
        }
        assert_false(scan_next_field(&s, '\t', &f));
        assert_null(s.p);
}

static void test_scan_field_keeps_blanks_inside_fields(void **state)
{
        struct scan_span s = in(" a b \tc"), f;

        (void)state;
        assert_true(scan_next_field(&s, '\t', &f));
        assert_span(f, " a b ");
        assert_true(scan_next_field(&s, '\t', &f));
        assert_span(f, "c");
        assert_false(scan_next_field(&s, '\t', &f));
}

static void test_scan_field_empty_span_is_one_empty_field(void **state)
{
        struct scan_span s = in(""), f;

        (void)state;
        assert_true(scan_next_field(&s, '\t', &f));
        assert_int_equal(f.n, 0);
        assert_false(scan_next_field(&s, '\t', &f));
}

static void test_scan_split_key_value_forms_are_trimmed(void **state)
{
        struct scan_span k, v;

        (void)state;
        assert_true(scan_split(in("ashift=12"), '=', &k, &v));
        assert_span(k, "ashift");
        assert_span(v, "12");
        assert_true(scan_split(in("  state : ONLINE \r"), ':', &k, &v));
        assert_span(k, "state");
        assert_span(v, "ONLINE");
        assert_true(scan_split(in("scan: scrub in 00:00:01"), ':', &k, &v)); /* first only */
        assert_span(k, "scan");
        assert_span(v, "scrub in 00:00:01");
        assert_true(scan_split(in("config:"), ':', &k, &v));
        assert_span(k, "config");
        assert_span(v, "");
}

static void test_scan_split_without_separator_is_false_and_untouched(void **state)
{
        struct scan_span k = {"k", 1}, v = {"v", 1};

        (void)state;
        assert_false(scan_split(in("no separator"), '=', &k, &v));
        assert_false(scan_split((struct scan_span){NULL, 0}, '=', &k, &v));
        assert_span(k, "k");
        assert_span(v, "v");
}

static void test_scan_trim_strips_both_ends_only(void **state)
{
        (void)state;
        assert_span(scan_trim(in(" \t a b \r\n")), "a b");
        assert_int_equal(scan_trim(in(" \n\t")).n, 0);
        assert_int_equal(scan_trim((struct scan_span){NULL, 0}).n, 0);
}

/* ---- literals ------------------------------------------------------------------------------- */

static void test_scan_eq_needs_the_whole_span(void **state)
{
        (void)state;
        assert_true(scan_eq(in("clean"), "clean"));
        assert_false(scan_eq(in("clean"), "clea"));
        assert_false(scan_eq(in("clea"), "clean"));
        assert_false(scan_eq(in("clean\n"), "clean"));
        assert_true(scan_eq((struct scan_span){NULL, 0}, ""));
}

static void test_scan_prefix_and_suffix_longer_than_span_do_not_match(void **state)
{
        struct scan_span s = in("K/s");

        (void)state;
        assert_true(scan_starts_with(s, "K/"));
        assert_false(scan_starts_with(s, "K/sec"));
        assert_true(scan_ends_with(s, "/s"));
        assert_false(scan_ends_with(s, "sK/s"));
        assert_true(scan_starts_with((struct scan_span){NULL, 0}, ""));
        assert_true(scan_ends_with((struct scan_span){NULL, 0}, ""));
}

static void test_scan_take_prefix_and_strip_suffix_consume_only_on_match(void **state)
{
        struct scan_span s = in("speed=10K/sec");

        (void)state;
        assert_false(scan_take_prefix(&s, "finish="));
        assert_int_equal(s.n, 13);
        assert_true(scan_take_prefix(&s, "speed="));
        assert_false(scan_strip_suffix(&s, "/min"));
        assert_true(scan_strip_suffix(&s, "K/sec"));
        assert_span(s, "10");
        assert_false(scan_take_char(&s, '2'));
        assert_true(scan_take_char(&s, '1'));
        assert_span(s, "0");
}

static void test_scan_find_reports_the_first_offset(void **state)
{
        size_t off = 99;

        (void)state;
        assert_true(scan_find(in("a:b:c"), ':', &off));
        assert_int_equal(off, 1);
        assert_true(scan_find(in("abc:"), ':', NULL));
        assert_false(scan_find(in("abc"), ':', &off));
        assert_int_equal(off, 1); /* untouched */
}

static void test_scan_has_nul_finds_embedded_and_last_byte_nul(void **state)
{
        (void)state;
        assert_true(scan_has_nul(in("md0\0 : active")));
        assert_true(scan_has_nul(in("raid1\0")));
        assert_false(scan_has_nul(in("raid1")));
        assert_false(scan_has_nul((struct scan_span){NULL, 0}));
}

static void test_scan_copy_cuts_to_capacity_and_says_so(void **state)
{
        char out[4] = "zzz";

        (void)state;
        assert_true(scan_copy(in("abc"), out, sizeof(out)));
        assert_string_equal(out, "abc");
        assert_false(scan_copy(in("abcd"), out, sizeof(out)));
        assert_string_equal(out, "abc");
        assert_true(scan_copy((struct scan_span){NULL, 0}, out, sizeof(out)));
        assert_string_equal(out, "");
        assert_false(scan_copy(in("a"), out, 0));
}

/* ---- numbers -------------------------------------------------------------------------------- */

static void test_scan_u64_max_is_accepted(void **state)
{
        uint64_t v = 0;

        (void)state;
        assert_int_equal(scan_u64(in("18446744073709551615"), &v), 0);
        assert_true(v == UINT64_MAX);
}

static void test_scan_u64_one_past_max_is_erange_and_untouched(void **state)
{
        uint64_t v = 7;
        struct scan_span s = in("18446744073709551616 blocks"), before = s;

        (void)state;
        assert_int_equal(scan_u64(in("18446744073709551616"), &v), -ERANGE);
        assert_int_equal(scan_u64(in("99999999999999999999"), &v), -ERANGE);
        assert_int_equal(scan_take_u64(&s, &v), -ERANGE);
        assert_ptr_equal(s.p, before.p);
        assert_int_equal(v, 7);
}

static void test_scan_u64_rejects_any_sign(void **state)
{
        uint64_t v = 7;

        (void)state;
        assert_int_equal(scan_u64(in("+1"), &v), -EINVAL);
        assert_int_equal(scan_u64(in("-1"), &v), -EINVAL);
        assert_int_equal(v, 7);
}

static void test_scan_u64_whole_form_rejects_blanks_and_trailing_bytes(void **state)
{
        uint64_t v = 7;

        (void)state;
        assert_int_equal(scan_u64(in("12 "), &v), -EINVAL);
        assert_int_equal(scan_u64(in(" 12"), &v), -EINVAL);
        assert_int_equal(scan_u64(in("12k"), &v), -EINVAL);
        assert_int_equal(scan_u64(in(""), &v), -EINVAL);
        assert_int_equal(v, 7);
        assert_int_equal(scan_u64(in("0007"), &v), 0); /* leading zeros are digits */
        assert_int_equal(v, 7);
}

static void test_scan_take_u64_leaves_the_unit_behind(void **state)
{
        struct scan_span s = in("512k");
        uint64_t v = 0;

        (void)state;
        assert_int_equal(scan_take_u64(&s, &v), 0);
        assert_int_equal(v, 512);
        assert_span(s, "k");
        assert_int_equal(scan_take_u64(&s, &v), -EINVAL);
        assert_span(s, "k");
}

static void test_scan_take_u64_digits_at_the_very_end(void **state)
{
        struct scan_span s = in("(1/22");
        uint64_t a = 0, b = 0;

        (void)state;
        assert_true(scan_take_char(&s, '('));
        assert_int_equal(scan_take_u64(&s, &a), 0);
        assert_true(scan_take_char(&s, '/'));
        assert_int_equal(scan_take_u64(&s, &b), 0);
        assert_int_equal(a, 1);
        assert_int_equal(b, 22);
        assert_int_equal(s.n, 0);
}

static void test_scan_i64_takes_one_optional_sign(void **state)
{
        int64_t v = 7;

        (void)state;
        assert_int_equal(scan_i64(in("-5"), &v), 0);
        assert_int_equal(v, -5);
        assert_int_equal(scan_i64(in("+5"), &v), 0);
        assert_int_equal(v, 5);
        assert_int_equal(scan_i64(in("-0"), &v), 0);
        assert_int_equal(v, 0);
        v = 7;
        assert_int_equal(scan_i64(in("+-1"), &v), -EINVAL);
        assert_int_equal(scan_i64(in("--1"), &v), -EINVAL);
        assert_int_equal(scan_i64(in("-"), &v), -EINVAL);
        assert_int_equal(scan_i64(in("- 1"), &v), -EINVAL);
        assert_int_equal(v, 7);
}

static void test_scan_i64_limits_and_one_past_them(void **state)
{
        int64_t v = 7;

        (void)state;
        assert_int_equal(scan_i64(in("9223372036854775807"), &v), 0);
        assert_true(v == INT64_MAX);
        assert_int_equal(scan_i64(in("-9223372036854775808"), &v), 0);
        assert_true(v == INT64_MIN);
        v = 7;
        assert_int_equal(scan_i64(in("9223372036854775808"), &v), -ERANGE);
        assert_int_equal(scan_i64(in("-9223372036854775809"), &v), -ERANGE);
        assert_int_equal(v, 7);
}

static void test_scan_take_i64_failed_sign_keeps_cursor(void **state)
{
        struct scan_span s = in("-x");
        int64_t v = 7;

        (void)state;
        assert_int_equal(scan_take_i64(&s, &v), -EINVAL);
        assert_span(s, "-x"); /* the '-' is not consumed either */
}

static void test_scan_fixed_pads_missing_fraction_digits(void **state)
{
        uint64_t v = 0;

        (void)state;
        assert_int_equal(scan_fixed(in("37.4"), 2, &v), 0);
        assert_int_equal(v, 3740);
        assert_int_equal(scan_fixed(in("37"), 2, &v), 0);
        assert_int_equal(v, 3700);
        assert_int_equal(scan_fixed(in("0.05"), 2, &v), 0);
        assert_int_equal(v, 5);
}

static void test_scan_fixed_truncates_extra_fraction_digits(void **state)
{
        uint64_t v = 0;
        struct scan_span s = in("99.999%");

        (void)state;
        assert_int_equal(scan_take_fixed(&s, 2, &v), 0);
        assert_int_equal(v, 9999); /* not rounded up to 100.00 */
        assert_span(s, "%");       /* all fraction digits consumed */
        assert_int_equal(scan_fixed(in("7.9"), 0, &v), 0);
        assert_int_equal(v, 7);
}

static void test_scan_fixed_ratio_after_caller_strips_suffix(void **state)
{
        struct scan_span s = in("1.83x");
        uint64_t v = 0;

        (void)state;
        assert_int_equal(scan_fixed(s, 2, &v), -EINVAL);
        assert_true(scan_strip_suffix(&s, "x"));
        assert_int_equal(scan_fixed(s, 2, &v), 0);
        assert_int_equal(v, 183);
}

static void test_scan_fixed_rejects_dot_without_digits_on_both_sides(void **state)
{
        struct scan_span s = in("37.%");
        uint64_t v = 7;

        (void)state;
        assert_int_equal(scan_take_fixed(&s, 1, &v), -EINVAL);
        assert_span(s, "37.%");
        assert_int_equal(scan_fixed(in(".5"), 1, &v), -EINVAL);
        assert_int_equal(scan_fixed(in("-1.0"), 1, &v), -EINVAL);
        assert_int_equal(scan_fixed(in("1.2.3"), 1, &v), -EINVAL);
        assert_int_equal(v, 7);
}

static void test_scan_fixed_overflow_counts_the_scaled_value(void **state)
{
        uint64_t v = 7;

        (void)state;
        assert_int_equal(scan_fixed(in("1844674407370955161.5"), 1, &v), 0);
        assert_true(v == UINT64_MAX);
        v = 7;
        assert_int_equal(scan_fixed(in("1844674407370955161.6"), 1, &v), -ERANGE);
        assert_int_equal(scan_fixed(in("18446744073709551615"), 1, &v), -ERANGE);
        assert_int_equal(v, 7);
}

static void test_scan_fixed_accepts_up_to_19_decimals(void **state)
{
        uint64_t v = 7;

        (void)state;
        assert_int_equal(scan_fixed(in("1"), 19, &v), 0);
        assert_true(v == 10000000000000000000ull);
        v = 7;
        assert_int_equal(scan_fixed(in("2"), 19, &v), -ERANGE);
        assert_int_equal(scan_fixed(in("1"), 20, &v), -EINVAL);
        assert_int_equal(v, 7);
}

static void test_scan_hex_prefix_case_and_limits(void **state)
{
        uint64_t v = 0;

        (void)state;
        assert_int_equal(scan_hex(in("0xFFFFffffFFFFffff"), &v), 0);
        assert_true(v == UINT64_MAX);
        assert_int_equal(scan_hex(in("0X00000000000000001a"), &v), 0); /* leading zeros free */
        assert_int_equal(v, 26);
        assert_int_equal(scan_hex(in("ff"), &v), 0);
        assert_int_equal(v, 255);
        v = 7;
        assert_int_equal(scan_hex(in("0x1FFFFFFFFFFFFFFFF"), &v), -ERANGE);
        assert_int_equal(scan_hex(in("0x"), &v), -EINVAL);
        assert_int_equal(scan_hex(in("0xg"), &v), -EINVAL);
        assert_int_equal(scan_hex(in("-1"), &v), -EINVAL);
        assert_int_equal(v, 7);
}

static void test_scan_take_hex_stops_at_first_non_hex_byte(void **state)
{
        struct scan_span s = in("0x01 13");
        uint64_t v = 0;

        (void)state;
        assert_int_equal(scan_take_hex(&s, &v), 0);
        assert_int_equal(v, 1);
        assert_span(s, " 13");
}

#define T(f) cmocka_unit_test_teardown(f, free_blocks)

int main(void)
{
        const struct CMUnitTest tests[] = {
            T(test_scan_line_last_line_needs_no_newline),
            T(test_scan_line_final_newline_makes_no_extra_line),
            T(test_scan_line_crlf_loses_its_cr),
            T(test_scan_line_lone_cr_inside_a_line_is_kept),
            T(test_scan_line_empty_input_has_no_line),
            T(test_scan_token_every_blank_kind_separates),
            T(test_scan_token_at_the_very_end_of_the_buffer),
            T(test_scan_token_only_blanks_is_false_and_keeps_cursor),
            T(test_scan_field_every_separator_delimits_a_field),
            T(test_scan_field_keeps_blanks_inside_fields),
            T(test_scan_field_empty_span_is_one_empty_field),
            T(test_scan_split_key_value_forms_are_trimmed),
            T(test_scan_split_without_separator_is_false_and_untouched),
            T(test_scan_trim_strips_both_ends_only),
            T(test_scan_eq_needs_the_whole_span),
            T(test_scan_prefix_and_suffix_longer_than_span_do_not_match),
            T(test_scan_take_prefix_and_strip_suffix_consume_only_on_match),
            T(test_scan_find_reports_the_first_offset),
            T(test_scan_has_nul_finds_embedded_and_last_byte_nul),
            T(test_scan_copy_cuts_to_capacity_and_says_so),
            T(test_scan_u64_max_is_accepted),
            T(test_scan_u64_one_past_max_is_erange_and_untouched),
            T(test_scan_u64_rejects_any_sign),
            T(test_scan_u64_whole_form_rejects_blanks_and_trailing_bytes),
            T(test_scan_take_u64_leaves_the_unit_behind),
            T(test_scan_take_u64_digits_at_the_very_end),
            T(test_scan_i64_takes_one_optional_sign),
            T(test_scan_i64_limits_and_one_past_them),
            T(test_scan_take_i64_failed_sign_keeps_cursor),
            T(test_scan_fixed_pads_missing_fraction_digits),
            T(test_scan_fixed_truncates_extra_fraction_digits),
            T(test_scan_fixed_ratio_after_caller_strips_suffix),
            T(test_scan_fixed_rejects_dot_without_digits_on_both_sides),
            T(test_scan_fixed_overflow_counts_the_scaled_value),
            T(test_scan_fixed_accepts_up_to_19_decimals),
            T(test_scan_hex_prefix_case_and_limits),
            T(test_scan_take_hex_stops_at_first_non_hex_byte),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
