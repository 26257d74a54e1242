/* The mdadm.conf parser (src/md/mdadm_conf.c): which ARRAY entries it keeps and what it reads
 * from them, on the fixtures in tests/fixtures/mdadm-conf and on small inline texts. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "md/md_parse.h"

static struct mdadm_conf *parse_text(const char *text)
{
        struct mdadm_conf *c = NULL;
        assert_int_equal(md_parse_mdadm_conf(text, strlen(text), &c), 0);
        return c;
}

static struct mdadm_conf *parse_fixture(const char *name)
{
        char rel[128];
        size_t len;
        snprintf(rel, sizeof(rel), "mdadm-conf/%s", name);
        char *buf = fixture_read(rel, &len);
        struct mdadm_conf *c = NULL;
        assert_int_equal(md_parse_mdadm_conf(buf, len, &c), 0);
        free(buf);
        return c;
}

static void test_mdadm_conf_debian_mkconf_file(void **state)
{
        (void)state;
        struct mdadm_conf *c = parse_fixture("debian-mkconf.conf");
        assert_int_equal(c->n_arrays, 2);
        assert_string_equal(c->arrays[0].device, "/dev/md/0");
        assert_string_equal(c->arrays[0].uuid, "3f1c2a7e8b4d4c1e9a526d0e7b21c4f8");
        assert_string_equal(c->arrays[0].name, "nas:0");
        assert_int_equal(c->arrays[0].spares, -1);
        assert_int_equal(c->arrays[0].line, 21);
        /* spares=1 on the continuation line belongs to md/1 */
        assert_string_equal(c->arrays[1].device, "/dev/md/1");
        assert_int_equal(c->arrays[1].spares, 1);
        assert_int_equal(c->bad_line, 0);
        mdadm_conf_free(c);
}

static void test_mdadm_conf_hand_written_file(void **state)
{
        (void)state;
        struct mdadm_conf *c = parse_fixture("hand-written.conf");
        /* md0, md/data, the imsm container, md/vol0, md10; <ignore> and md9 are not kept */
        assert_int_equal(c->n_arrays, 5);
        const struct mdadm_array *a = &c->arrays[0];
        assert_string_equal(a->device, "/dev/md0");
        assert_string_equal(a->uuid, "0a1b2c3d4e5f60718293a4b5c6d7e8f9");
        assert_int_equal(a->spares, 2); /* the comment after it is not read */
        assert_string_equal(a->devices, "/dev/sda1,/dev/sdb1,/dev/sdc1,/dev/sdd1");
        assert_string_equal(c->arrays[1].device, "/dev/md/data");
        assert_string_equal(c->arrays[1].name, "nas:data"); /* quotes dropped */
        assert_string_equal(c->arrays[2].device, "");       /* a container: UUID only */
        assert_string_equal(c->arrays[2].uuid, "aaaabbbbccccddddeeeeffff00001111");
        assert_string_equal(c->arrays[3].device, "/dev/md/vol0");
        assert_string_equal(c->arrays[4].device, "/dev/md10");
        assert_string_equal(c->arrays[4].uuid, "");
        assert_int_equal(c->bad_line, 12);
        mdadm_conf_free(c);
}

static void test_mdadm_conf_keywords_need_three_letters(void **state)
{
        (void)state;
        struct mdadm_conf *c = parse_text("AR /dev/md0\nARRAYS /dev/md1\nARR /dev/md2\n");
        assert_int_equal(c->n_arrays, 1);
        assert_string_equal(c->arrays[0].device, "/dev/md2");
        mdadm_conf_free(c);
}

static void test_mdadm_conf_continuation_after_a_comment_line_is_not_glued(void **state)
{
        (void)state;
        struct mdadm_conf *c =
            parse_text("ARRAY /dev/md0 UUID=00000000:00000000:00000000:0000000a\n"
                       "# spares=3 would be for md0 if this were not a comment\n"
                       "  spares=3\n");
        assert_int_equal(c->n_arrays, 1);
        assert_int_equal(c->arrays[0].spares, -1);
        mdadm_conf_free(c);
}

static void test_mdadm_conf_bad_uuid_skips_the_entry(void **state)
{
        (void)state;
        struct mdadm_conf *c =
            parse_text("ARRAY /dev/md0 UUID=1234\n"
                       "ARRAY /dev/md1 UUID=3f1c2a7e-8b4d-4c1e-9a52-6d0e7b21c4f8\n");
        assert_int_equal(c->n_arrays, 1);
        assert_string_equal(c->arrays[0].device, "/dev/md1");
        assert_string_equal(c->arrays[0].uuid, "3f1c2a7e8b4d4c1e9a526d0e7b21c4f8");
        assert_int_equal(c->bad_line, 1);
        mdadm_conf_free(c);
}

static void test_mdadm_conf_entry_with_nothing_to_match_is_bad(void **state)
{
        (void)state;
        struct mdadm_conf *c = parse_text("ARRAY level=raid1 num-devices=2\n");
        assert_int_equal(c->n_arrays, 0);
        assert_int_equal(c->bad_line, 1);
        mdadm_conf_free(c);
}

static void test_mdadm_conf_crlf_and_no_final_newline(void **state)
{
        (void)state;
        struct mdadm_conf *c = parse_text("ARRAY /dev/md0 spares=1\r\nARRAY /dev/md1");
        assert_int_equal(c->n_arrays, 2);
        assert_int_equal(c->arrays[0].spares, 1);
        assert_string_equal(c->arrays[1].device, "/dev/md1");
        mdadm_conf_free(c);
}

static void test_mdadm_conf_empty_file_has_no_arrays(void **state)
{
        (void)state;
        struct mdadm_conf *c = parse_text("");
        assert_int_equal(c->n_arrays, 0);
        assert_int_equal(c->bad_line, 0);
        mdadm_conf_free(c);
}

static void test_mdadm_conf_nul_byte_is_an_error(void **state)
{
        (void)state;
        static const char text[] = "ARRAY /dev/md0\0 spares=1\n";
        struct mdadm_conf *c = NULL;
        assert_int_equal(md_parse_mdadm_conf(text, sizeof(text) - 1, &c), -EINVAL);
        assert_null(c);
}

/* Found by fuzz_mdadm_conf: an indented ARRAY line at the top of the file, after an indented
 * comment, had no line number (0), so a log line about it would have named line 0. */
static void test_mdadm_conf_indented_first_entry_keeps_its_line_number(void **state)
{
        (void)state;
        static const char text[] = "\t#W ritrls=eaots\n\tARRAY /dev/md1093-a4";
        struct mdadm_conf *c = NULL;
        assert_int_equal(md_parse_mdadm_conf(text, sizeof(text) - 1, &c), 0);
        assert_int_equal(c->n_arrays, 1);
        assert_string_equal(c->arrays[0].device, "/dev/md1093-a4");
        assert_int_equal(c->arrays[0].line, 1);
        mdadm_conf_free(c);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_mdadm_conf_debian_mkconf_file),
            cmocka_unit_test(test_mdadm_conf_hand_written_file),
            cmocka_unit_test(test_mdadm_conf_keywords_need_three_letters),
            cmocka_unit_test(test_mdadm_conf_continuation_after_a_comment_line_is_not_glued),
            cmocka_unit_test(test_mdadm_conf_bad_uuid_skips_the_entry),
            cmocka_unit_test(test_mdadm_conf_entry_with_nothing_to_match_is_bad),
            cmocka_unit_test(test_mdadm_conf_crlf_and_no_final_newline),
            cmocka_unit_test(test_mdadm_conf_empty_file_has_no_arrays),
            cmocka_unit_test(test_mdadm_conf_nul_byte_is_an_error),
            cmocka_unit_test(test_mdadm_conf_indented_first_entry_keeps_its_line_number),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
