/* The configuration pre-scan (src/core/config_scan.c): what it finds in the bytes of one file,
 * read the way net-snmp 5.9.3's read_config() reads them (comments, no continuation lines,
 * quoting, include directives, [type] prefixes), and the numbers it refuses. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/config_scan.h"

static struct cscan_result *scan_text(const char *p, size_t n)
{
        static struct cscan_result r;
        assert_int_equal(config_scan(p, n, &r), 0);
        return &r;
}

#define SCAN(lit) scan_text((lit), sizeof(lit) - 1)

static void assert_problem_at(const struct cscan_result *r, size_t i, unsigned line,
                              const char *needle)
{
        assert_true(i < r->n_problems);
        assert_int_equal(r->problem[i].line, line);
        if (!strstr(r->problem[i].text, needle))
                fail_msg("problem %zu '%s' does not mention '%s'", i, r->problem[i].text, needle);
}

static void test_scan_clean_file_has_no_problems(void **state)
{
        (void)state;
        struct cscan_result *r = SCAN("# comment\n\npollInterval md 5\n  agentxPingInterval 1\n"
                                      "agentXSocket unix:/var/agentx/master\nlast line");
        assert_int_equal(r->n_problems, 0);
        assert_int_equal(r->lines, 6);
        assert_int_equal(r->n_numbers, 1);
        assert_int_equal(r->number[0].line, 4);
        assert_int_equal(r->number[0].value, 1);
        assert_true(r->number[0].ok);
}

static void test_scan_nul_byte_is_reported_at_its_line_and_column(void **state)
{
        (void)state;
        struct cscan_result *r = SCAN("a 1\nb 2\nagentxPingInterval 5\0 junk\nd 4\n");
        assert_int_equal(r->n_problems, 1);
        assert_problem_at(r, 0, 3, "NUL byte at column 21");
        assert_int_equal(r->lines, 4);
        assert_int_equal(r->n_numbers, 0); /* the line is not read any further */
}

static void test_scan_nul_in_a_comment_is_reported_too(void **state)
{
        (void)state;
        struct cscan_result *r = SCAN("# \0 hidden\n");
        assert_int_equal(r->n_problems, 1);
        assert_problem_at(r, 0, 1, "NUL");
}

static void test_scan_numbers_at_their_range_limits_pass(void **state)
{
        (void)state;
        struct cscan_result *r = SCAN("agentxPingInterval 1\nagentxPingInterval 3600\n"
                                      "agentxTimeout 1\nagentxTimeout 60\n"
                                      "agentxRetries 0\nagentxRetries 10\n");
        assert_int_equal(r->n_problems, 0);
        assert_int_equal(r->n_numbers, 6);
        for (size_t i = 0; i < 6; i++)
                assert_true(r->number[i].ok);
        assert_int_equal(r->number[1].value, 3600);
        assert_string_equal(r->number[2].token, "agentxTimeout");
}

static void test_scan_numbers_just_over_their_range_are_refused(void **state)
{
        (void)state;
        struct cscan_result *r = SCAN("agentxPingInterval 0\nagentxPingInterval 3601\n"
                                      "agentxTimeout 0\nagentxTimeout 61\nagentxRetries 11\n");
        assert_int_equal(r->n_problems, 5);
        assert_problem_at(r, 0, 1, "agentxPingInterval 0 is out of range: it takes 1..3600");
        assert_problem_at(r, 1, 2, "3601");
        assert_problem_at(r, 2, 3, "agentxTimeout 0");
        assert_problem_at(r, 3, 4, "1..60");
        assert_problem_at(r, 4, 5, "agentxRetries 11 is out of range: it takes 0..10");
        for (size_t i = 0; i < 5; i++)
                assert_false(r->number[i].ok);
}

static void test_scan_huge_numbers_are_refused_not_wrapped(void **state)
{
        (void)state;
        struct cscan_result *r = SCAN("agentxPingInterval 99999999999\n"
                                      "agentxRetries 99999999999999999999999999\n");
        assert_int_equal(r->n_problems, 2);
        assert_problem_at(r, 0, 1, "99999999999 is out of range");
        assert_problem_at(r, 0, 1, "atoi");
        assert_problem_at(r, 1, 2, "out of range");
        assert_int_equal(r->number[0].value, 99999999999ull);
        assert_int_equal(r->number[1].value, UINT64_MAX);
}

static void test_scan_numbers_with_junk_sign_or_no_value_are_refused(void **state)
{
        (void)state;
        struct cscan_result *r = SCAN("agentxPingInterval -1\nagentxPingInterval 5s\n"
                                      "agentxPingInterval 5 # five\nagentxPingInterval\n"
                                      "agentxPingInterval # none\nAGENTXTIMEOUT 0x10\n");
        assert_int_equal(r->n_problems, 6);
        assert_problem_at(r, 0, 1, "not a whole number");
        assert_problem_at(r, 1, 2, "'5s'");
        assert_problem_at(r, 2, 3, "not a whole number"); /* '#' is text mid-line */
        assert_problem_at(r, 3, 4, "needs a value");
        assert_problem_at(r, 4, 5, "needs a value");
        assert_problem_at(r, 5, 6, "agentxTimeout"); /* tokens match without regard to case */
}

static void test_scan_trailing_blanks_and_crlf_around_a_number_are_fine(void **state)
{
        (void)state;
        struct cscan_result *r = SCAN("agentxPingInterval 7  \t\r\n");
        assert_int_equal(r->n_problems, 0);
        assert_int_equal(r->number[0].value, 7);
}

static void test_scan_includes_are_found_with_their_lines(void **state)
{
        (void)state;
        struct cscan_result *r = SCAN("# x\nincludeFile local.conf\nincludeDir /etc/srvh.d\n"
                                      "includefile /abs/other.conf\n");
        assert_int_equal(r->n_problems, 0);
        assert_int_equal(r->n_includes, 3);
        assert_int_equal(r->include[0].line, 2);
        assert_int_equal(r->include[0].kind, CSCAN_INCLUDE_FILE);
        assert_string_equal(r->include[0].path, "local.conf");
        assert_int_equal(r->include[1].kind, CSCAN_INCLUDE_DIR);
        assert_string_equal(r->include[1].path, "/etc/srvh.d");
        assert_int_equal(r->include[2].line, 4);
        assert_string_equal(r->include[2].path, "/abs/other.conf");
}

static void test_scan_include_needs_lower_case_i_as_net_snmp_does(void **state)
{
        (void)state;
        /* read_config() tests token[0] == 'i': "IncludeFile" is an unknown token, not an include */
        struct cscan_result *r = SCAN("IncludeFile /x.conf\nINCLUDEDIR /d\n");
        assert_int_equal(r->n_includes, 0);
        assert_int_equal(r->n_problems, 0);
}

static void test_scan_quoted_or_escaped_include_token_is_still_an_include(void **state)
{
        (void)state;
        struct cscan_result *r = SCAN("\"includeFile\" /q.conf\nin\\cludeFile /e.conf\n");
        assert_int_equal(r->n_includes, 2);
        assert_string_equal(r->include[0].path, "/q.conf");
        assert_string_equal(r->include[1].path, "/e.conf");
}

static void test_scan_include_problems(void **state)
{
        (void)state;
        struct cscan_result *r = SCAN("includeDir etc/d\nincludeFile /a.conf # note\n"
                                      "includeSearch snmpd\ninclude /x\nincludeFile\n"
                                      "includeFile /crlf.conf\r\n");
        assert_int_equal(r->n_includes, 0);
        assert_int_equal(r->n_problems, 6);
        assert_problem_at(r, 0, 1, "relative");
        assert_problem_at(r, 1, 2, "blanks");
        assert_problem_at(r, 2, 3, "includeSearch");
        assert_problem_at(r, 3, 4, "ignored");
        assert_problem_at(r, 4, 5, "needs a file name");
        assert_problem_at(r, 5, 6, "blanks"); /* net-snmp would open "/crlf.conf\r" */
}

static void test_scan_comments_only_at_line_start_and_no_continuations(void **state)
{
        (void)state;
        /* "# agentxPingInterval 0" is a comment; a '\' at the end does not continue the line,
         * so the next line is a directive of its own and is checked */
        struct cscan_result *r = SCAN("   # agentxPingInterval 0\npollInterval md 5 \\\n"
                                      "agentxPingInterval 0\n");
        assert_int_equal(r->n_problems, 1);
        assert_problem_at(r, 0, 3, "agentxPingInterval 0");
}

static void test_scan_overlong_line_is_refused(void **state)
{
        (void)state;
        /* net-snmp would read the tail of a 1100-byte comment as a directive of its own */
        size_t n = 1100 + 5;
        char *buf = malloc(n);
        assert_non_null(buf);
        memset(buf, ' ', 1100);
        buf[0] = '#';
        memcpy(buf + 1023 - 1, "agentxPingInterval 0", 20);
        memcpy(buf + 1100, "\nx 1\n", 5);
        struct cscan_result *r = scan_text(buf, n);
        free(buf);
        assert_int_equal(r->n_problems, 1);
        assert_problem_at(r, 0, 1, "1100 bytes");
        assert_int_equal(r->lines, 2);
}

static void test_scan_line_of_exactly_the_limit_is_fine(void **state)
{
        (void)state;
        char buf[CSCAN_LINE_MAX + 1];
        memset(buf, 'x', CSCAN_LINE_MAX);
        buf[0] = '#';
        buf[CSCAN_LINE_MAX] = '\n';
        struct cscan_result *r = scan_text(buf, sizeof(buf));
        assert_int_equal(r->n_problems, 0);
}

static void test_scan_type_prefix_line_is_checked_by_its_token(void **state)
{
        (void)state;
        struct cscan_result *r = SCAN("[srvhealthd] agentxRetries 50\n[snmp]\nagentxRetries 2\n");
        assert_int_equal(r->n_problems, 1);
        assert_problem_at(r, 0, 1, "agentxRetries 50");
}

static void test_scan_agentx_socket_must_be_a_unix_path(void **state)
{
        (void)state;
        struct cscan_result *r = SCAN("agentXSocket /var/agentx/master\n"
                                      "agentxsocket unix:/run/agentx\n"
                                      "agentXSocket tcp:localhost:705\nagentXSocket localhost:705\n"
                                      "agentXSocket unix:relative\nagentXSocket\n");
        assert_int_equal(r->n_problems, 4);
        assert_problem_at(r, 0, 3, "no authentication");
        assert_problem_at(r, 1, 4, "not a unix socket path");
        assert_problem_at(r, 2, 5, "not a unix socket path");
        assert_problem_at(r, 3, 6, "needs an address");
        assert_null(config_scan_agentx_address("unix:/a", 7));
        assert_non_null(config_scan_agentx_address("unix:/a b", 9));
        assert_non_null(config_scan_agentx_address("", 0));
}

static void test_scan_embedded_perl_is_refused(void **state)
{
        (void)state;
        struct cscan_result *r = SCAN("perl print 1;\nperlInitFile /x.pl\ndisablePerl yes\n");
        assert_int_equal(r->n_problems, 2);
        assert_problem_at(r, 0, 1, "Perl");
        assert_problem_at(r, 1, 2, "Perl");
}

static void test_scan_many_problems_are_counted_beyond_the_list(void **state)
{
        (void)state;
        char buf[CSCAN_PROBLEMS_MAX * 32 + 200];
        size_t n = 0;
        for (int i = 0; i < CSCAN_PROBLEMS_MAX + 5; i++)
                n += (size_t)snprintf(buf + n, sizeof(buf) - n, "agentxRetries %d\n", 100 + i);
        struct cscan_result *r = scan_text(buf, n);
        assert_int_equal(r->n_problems, CSCAN_PROBLEMS_MAX);
        assert_int_equal(r->problems_dropped, 5);
        assert_int_equal(r->n_numbers, CSCAN_NUMBERS_MAX);
        assert_int_equal(r->numbers_dropped, 5);
}

static void test_scan_empty_and_bad_arguments(void **state)
{
        (void)state;
        struct cscan_result r;
        assert_int_equal(config_scan(NULL, 0, &r), 0);
        assert_int_equal(r.lines, 0);
        assert_int_equal(config_scan(NULL, 1, &r), -EINVAL);
        assert_int_equal(config_scan("x", 1, NULL), -EINVAL);
}

static void test_scan_ranges_are_listed(void **state)
{
        (void)state;
        assert_int_equal(config_scan_range_count(), 3);
        assert_string_equal(config_scan_range_at(0)->token, "agentxPingInterval");
        assert_int_equal(config_scan_range_at(0)->hi, 3600);
        assert_null(config_scan_range_at(3));
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_scan_clean_file_has_no_problems),
            cmocka_unit_test(test_scan_nul_byte_is_reported_at_its_line_and_column),
            cmocka_unit_test(test_scan_nul_in_a_comment_is_reported_too),
            cmocka_unit_test(test_scan_numbers_at_their_range_limits_pass),
            cmocka_unit_test(test_scan_numbers_just_over_their_range_are_refused),
            cmocka_unit_test(test_scan_huge_numbers_are_refused_not_wrapped),
            cmocka_unit_test(test_scan_numbers_with_junk_sign_or_no_value_are_refused),
            cmocka_unit_test(test_scan_trailing_blanks_and_crlf_around_a_number_are_fine),
            cmocka_unit_test(test_scan_includes_are_found_with_their_lines),
            cmocka_unit_test(test_scan_include_needs_lower_case_i_as_net_snmp_does),
            cmocka_unit_test(test_scan_quoted_or_escaped_include_token_is_still_an_include),
            cmocka_unit_test(test_scan_include_problems),
            cmocka_unit_test(test_scan_comments_only_at_line_start_and_no_continuations),
            cmocka_unit_test(test_scan_overlong_line_is_refused),
            cmocka_unit_test(test_scan_line_of_exactly_the_limit_is_fine),
            cmocka_unit_test(test_scan_type_prefix_line_is_checked_by_its_token),
            cmocka_unit_test(test_scan_agentx_socket_must_be_a_unix_path),
            cmocka_unit_test(test_scan_embedded_perl_is_refused),
            cmocka_unit_test(test_scan_many_problems_are_counted_beyond_the_list),
            cmocka_unit_test(test_scan_empty_and_bad_arguments),
            cmocka_unit_test(test_scan_ranges_are_listed),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
