/* The check output parser (src/exec/exec_output.c): lines as scan splits them, every unsafe byte
 * replaced, valid UTF-8 kept, caps on lines and line length. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "exec/exec_output.h"

static const struct exec_output_caps caps = {100, EXEC_LINE_MAX};

static struct exec_output *parse_n(const char *s, size_t n, const struct exec_output_caps *c)
{
        struct exec_output *o = NULL;
        assert_int_equal(exec_output_parse(s, n, c, &o), 0);
        assert_non_null(o);
        return o;
}

static void test_output_lines_split_like_scan(void **state)
{
        (void)state;
        struct exec_output *o = parse_n("OK - fine\r\nsecond\nthird", 23, &caps);
        assert_int_equal(o->n_lines, 3);
        assert_string_equal(o->lines[0], "OK - fine");
        assert_string_equal(o->lines[2], "third");
        assert_false(o->truncated);
        assert_int_equal(o->replaced, 0);
        exec_output_free(o);
        o = parse_n("", 0, &caps);
        assert_int_equal(o->n_lines, 0);
        exec_output_free(o);
        o = parse_n(NULL, 0, &caps);
        assert_int_equal(o->n_lines, 0);
        exec_output_free(o);
}

static void test_output_nul_bytes_are_replaced_not_cut(void **state)
{
        (void)state;
        struct exec_output *o = parse_n("a\0b\0c", 5, &caps);
        assert_int_equal(o->n_lines, 1);
        assert_string_equal(o->lines[0], "a?b?c");
        assert_int_equal(o->replaced, 2);
        exec_output_free(o);
}

static void test_output_invalid_utf8_is_replaced_valid_kept(void **state)
{
        (void)state;
        /* "é" (valid), a lone continuation byte, an overlong "/" (c0 af), a surrogate
         * (ed a0 80), a 4-byte sequence cut short, and "€" (valid) */
        const char in[] = "\xc3\xa9 \x80 \xc0\xaf \xed\xa0\x80 \xf0\x9f\x98 \xe2\x82\xac";
        struct exec_output *o = parse_n(in, sizeof(in) - 1, &caps);
        assert_string_equal(o->lines[0], "\xc3\xa9 ? ?? ??? ??? \xe2\x82\xac");
        assert_int_equal(o->replaced, 9);
        exec_output_free(o);
}

static void test_output_control_characters_are_replaced_tab_kept(void **state)
{
        (void)state;
        struct exec_output *o = parse_n("a\tb\x1b[31mc\x7f", 10, &caps);
        assert_string_equal(o->lines[0], "a\tb?[31mc?");
        exec_output_free(o);
}

static void test_output_long_line_is_cut_on_a_character_boundary(void **state)
{
        (void)state;
        struct exec_output_caps c = {10, 5};
        /* "abcd" + "é": the 2-byte "é" would end at octet 6, past the cap of 5 */
        struct exec_output *o = parse_n("abcd\xc3\xa9xyz\nok", 12, &c);
        assert_string_equal(o->lines[0], "abcd");
        assert_string_equal(o->lines[1], "ok");
        assert_true(o->truncated);
        exec_output_free(o);
}

static void test_output_line_cap_drops_the_rest(void **state)
{
        (void)state;
        struct exec_output_caps c = {2, EXEC_LINE_MAX};
        struct exec_output *o = parse_n("1\n2\n3\n4\n", 8, &c);
        assert_int_equal(o->n_lines, 2);
        assert_string_equal(o->lines[1], "2");
        assert_true(o->truncated);
        exec_output_free(o);
        o = parse_n("1\n2\n", 4, &c);
        assert_false(o->truncated);
        exec_output_free(o);
}

static void test_output_line_length_never_exceeds_a_display_string(void **state)
{
        (void)state;
        struct exec_output_caps c = {1, 100000};
        char *big = malloc(1000);
        assert_non_null(big);
        memset(big, 'x', 1000);
        struct exec_output *o = parse_n(big, 1000, &c);
        assert_int_equal(strlen(o->lines[0]), EXEC_LINE_MAX);
        exec_output_free(o);
        free(big);
}

static void test_output_bad_caps_are_einval(void **state)
{
        (void)state;
        struct exec_output *o = NULL;
        struct exec_output_caps zero = {0, 10};
        assert_int_equal(exec_output_parse("a", 1, &zero, &o), -EINVAL);
        assert_int_equal(exec_output_parse(NULL, 3, &caps, &o), -EINVAL);
        assert_null(o);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_output_lines_split_like_scan),
            cmocka_unit_test(test_output_nul_bytes_are_replaced_not_cut),
            cmocka_unit_test(test_output_invalid_utf8_is_replaced_valid_kept),
            cmocka_unit_test(test_output_control_characters_are_replaced_tab_kept),
            cmocka_unit_test(test_output_long_line_is_cut_on_a_character_boundary),
            cmocka_unit_test(test_output_line_cap_drops_the_rest),
            cmocka_unit_test(test_output_line_length_never_exceeds_a_display_string),
            cmocka_unit_test(test_output_bad_caps_are_einval),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
