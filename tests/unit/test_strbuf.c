/* Specification of the bounded string builder (src/core/strbuf.c) that fills the MIB's
 * one-line text columns (array summary, member state): exact-capacity cuts, tiny buffers,
 * separator rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/strbuf.h"

static void test_strbuf_init_makes_an_empty_string(void **state)
{
        char buf[8] = "garbage";
        struct strbuf sb;

        (void)state;
        strbuf_init(&sb, buf, sizeof(buf));
        assert_string_equal(buf, "");
        assert_int_equal(strbuf_len(&sb), 0);
        assert_false(strbuf_truncated(&sb));
}

static void test_strbuf_appendf_formats_and_tracks_length(void **state)
{
        char buf[32];
        struct strbuf sb;

        (void)state;
        strbuf_init(&sb, buf, sizeof(buf));
        strbuf_appendf(&sb, "%s", "md1");
        strbuf_appendf(&sb, " %d.%02d%%", 42, 5);
        assert_string_equal(buf, "md1 42.05%");
        assert_int_equal(strbuf_len(&sb), strlen(buf));
        assert_false(strbuf_truncated(&sb));
}

static void test_strbuf_text_of_exactly_capacity_minus_one_fits(void **state)
{
        char buf[6];
        struct strbuf sb;

        (void)state;
        strbuf_init(&sb, buf, sizeof(buf));
        strbuf_appendf(&sb, "ab");
        strbuf_appendf(&sb, "cde");
        assert_string_equal(buf, "abcde");
        assert_int_equal(strbuf_len(&sb), 5);
        assert_false(strbuf_truncated(&sb));
}

static void test_strbuf_one_byte_more_than_capacity_is_cut_and_marked(void **state)
{
        char buf[6];
        struct strbuf sb;

        (void)state;
        strbuf_init(&sb, buf, sizeof(buf));
        strbuf_appendf(&sb, "abc");
        strbuf_appendf(&sb, "def");
        assert_string_equal(buf, "abcde"); /* cut as snprintf cuts */
        assert_int_equal(strbuf_len(&sb), 5);
        assert_true(strbuf_truncated(&sb));
}

static void test_strbuf_full_buffer_takes_nothing_more_and_never_writes_past(void **state)
{
        char mem[8];
        struct strbuf sb;

        (void)state;
        memset(mem, 'X', sizeof(mem));
        strbuf_init(&sb, mem, 4); /* mem[4..7] are guards */
        strbuf_appendf(&sb, "%s", "abcdefgh");
        strbuf_appendf(&sb, "%s", "ij");
        strbuf_append_sep(&sb, ",", "%s", "kl");
        assert_string_equal(mem, "abc");
        assert_memory_equal(mem + 4, "XXXX", 4);
        assert_true(strbuf_truncated(&sb));
}

static void test_strbuf_empty_append_to_full_buffer_is_not_truncation(void **state)
{
        char buf[3];
        struct strbuf sb;

        (void)state;
        strbuf_init(&sb, buf, sizeof(buf));
        strbuf_appendf(&sb, "ab");
        strbuf_appendf(&sb, "%s", "");
        assert_false(strbuf_truncated(&sb));
}

static void test_strbuf_one_byte_buffer_holds_only_the_empty_string(void **state)
{
        char buf[1] = {'X'};
        struct strbuf sb;

        (void)state;
        strbuf_init(&sb, buf, sizeof(buf));
        assert_int_equal(buf[0], '\0');
        strbuf_appendf(&sb, "%s", "");
        assert_false(strbuf_truncated(&sb));
        strbuf_appendf(&sb, "a");
        assert_int_equal(buf[0], '\0');
        assert_int_equal(strbuf_len(&sb), 0);
        assert_true(strbuf_truncated(&sb));
}

static void test_strbuf_zero_capacity_writes_nothing(void **state)
{
        struct strbuf sb;

        (void)state;
        strbuf_init(&sb, NULL, 0);
        strbuf_appendf(&sb, "%s", "");
        assert_false(strbuf_truncated(&sb));
        strbuf_append_sep(&sb, "; ", "x");
        assert_int_equal(strbuf_len(&sb), 0);
        assert_true(strbuf_truncated(&sb));
}

static void test_strbuf_separator_only_between_items(void **state)
{
        char buf[64];
        struct strbuf sb;

        (void)state;
        strbuf_init(&sb, buf, sizeof(buf));
        strbuf_append_sep(&sb, "; ", "%s", "md0 degraded");
        strbuf_append_sep(&sb, "; ", "%s", "sda failing");
        assert_string_equal(buf, "md0 degraded; sda failing");
}

static void test_strbuf_separator_after_plain_append(void **state)
{
        char buf[64];
        struct strbuf sb;

        (void)state;
        strbuf_init(&sb, buf, sizeof(buf));
        strbuf_appendf(&sb, "in_sync");
        strbuf_append_sep(&sb, ",", "write_mostly");
        assert_string_equal(buf, "in_sync,write_mostly");
}

static void test_strbuf_separator_cut_when_it_does_not_fit(void **state)
{
        char buf[5];
        struct strbuf sb;

        (void)state;
        strbuf_init(&sb, buf, sizeof(buf));
        strbuf_appendf(&sb, "abc");
        strbuf_append_sep(&sb, "; ", "d");
        assert_string_equal(buf, "abc;");
        assert_true(strbuf_truncated(&sb));
}

static void test_strbuf_reset_empties_and_clears_the_mark(void **state)
{
        char buf[4];
        struct strbuf sb;

        (void)state;
        strbuf_init(&sb, buf, sizeof(buf));
        strbuf_appendf(&sb, "toolong");
        strbuf_reset(&sb);
        assert_string_equal(buf, "");
        assert_int_equal(strbuf_len(&sb), 0);
        assert_false(strbuf_truncated(&sb));
        strbuf_append_sep(&sb, ",", "ok"); /* empty again: no separator */
        assert_string_equal(buf, "ok");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_strbuf_init_makes_an_empty_string),
            cmocka_unit_test(test_strbuf_appendf_formats_and_tracks_length),
            cmocka_unit_test(test_strbuf_text_of_exactly_capacity_minus_one_fits),
            cmocka_unit_test(test_strbuf_one_byte_more_than_capacity_is_cut_and_marked),
            cmocka_unit_test(test_strbuf_full_buffer_takes_nothing_more_and_never_writes_past),
            cmocka_unit_test(test_strbuf_empty_append_to_full_buffer_is_not_truncation),
            cmocka_unit_test(test_strbuf_one_byte_buffer_holds_only_the_empty_string),
            cmocka_unit_test(test_strbuf_zero_capacity_writes_nothing),
            cmocka_unit_test(test_strbuf_separator_only_between_items),
            cmocka_unit_test(test_strbuf_separator_after_plain_append),
            cmocka_unit_test(test_strbuf_separator_cut_when_it_does_not_fit),
            cmocka_unit_test(test_strbuf_reset_empties_and_clears_the_mark),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
