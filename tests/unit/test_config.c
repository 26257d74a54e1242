/* The pure config parser (src/core/config.c) and md's tokens (src/md/md_config.c): what each
 * token accepts and refuses, with the message an admin sees next to file:line. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/config.h"
#include "md/md_config.h"

struct fixture {
        struct srvh_config c;
        char err[CONFIG_ERR_MAX];
};

static int setup(void **state)
{
        static struct fixture f;
        memset(&f, 0, sizeof(f));
        *state = &f;
        return config_init(&f.c);
}

static int teardown(void **state)
{
        struct fixture *f = *state;
        config_clear(&f->c);
        return 0;
}

static int parse(struct fixture *f, const char *token, const char *args)
{
        f->err[0] = '\0';
        return config_parse_line(&f->c, token, args, f->err, sizeof(f->err));
}

static int md_pos(void)
{
        int m = module_position("md");
        assert_true(m >= 0);
        return m;
}

static const struct md_config *md_conf(struct fixture *f)
{
        return module_conf_get(f->c.module[md_pos()]);
}

static void test_config_defaults(void **state)
{
        struct fixture *f = *state;
        assert_int_equal(f->c.poll_interval[md_pos()], 10);
        assert_int_equal(f->c.poll_timeout[md_pos()], 5);
        assert_false(f->c.disabled[md_pos()]);
        assert_int_equal(f->c.queue_size, 1000);
        assert_int_equal(f->c.event_table_size, 100);
        assert_int_equal(md_conf(f)->rebuild_step, MD_DEFAULT_REBUILD_STEP);
}

static void test_config_poll_interval_accepts_1_to_86400(void **state)
{
        struct fixture *f = *state;
        assert_int_equal(parse(f, "pollInterval", "md 1"), 0);
        assert_int_equal(f->c.poll_interval[md_pos()], 1);
        assert_int_equal(parse(f, "pollInterval", "md 86400"), 0);
        assert_int_equal(f->c.poll_interval[md_pos()], 86400);
}

static void test_config_poll_interval_refuses_zero_negative_huge_and_junk(void **state)
{
        struct fixture *f = *state;
        const char *bad[] = {"md 0",  "md -5",  "md 86401", "md 99999999999999999999",
                             "md 1x", "md +5",  "md",       "md 5 6",
                             "",      "md 0x10"};
        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
                assert_int_equal(parse(f, "pollInterval", bad[i]), -EINVAL);
                assert_non_null(strstr(f->err, "pollInterval"));
        }
        assert_int_equal(f->c.poll_interval[md_pos()], 10); /* untouched */
}

static void test_config_out_of_range_message_says_what_is_accepted(void **state)
{
        struct fixture *f = *state;
        assert_int_equal(parse(f, "pollInterval", "md 0"), -EINVAL);
        assert_string_equal(f->err, "pollInterval: '0' is not a whole number in 1..86400");
        assert_int_equal(parse(f, "pollInterval", "md"), -EINVAL);
        assert_string_equal(f->err,
                            "pollInterval: expected 'pollInterval MODULE SECONDS (1..86400)'");
}

static void test_config_unknown_module_lists_the_known_ones(void **state)
{
        struct fixture *f = *state;
        assert_int_equal(parse(f, "pollInterval", "raid 10"), -EINVAL);
        assert_string_equal(f->err,
                            "pollInterval: unknown module 'raid' (known: md smart zfs exec)");
        assert_int_equal(parse(f, "disableModule", "btrfs"), -EINVAL);
        assert_non_null(strstr(f->err, "unknown module 'btrfs'"));
}

static void test_config_disable_module(void **state)
{
        struct fixture *f = *state;
        assert_int_equal(parse(f, "disableModule", "md"), 0);
        assert_true(f->c.disabled[md_pos()]);
        assert_int_equal(parse(f, "disableModule", "md md"), -EINVAL);
        assert_int_equal(parse(f, "disableModule", ""), -EINVAL);
}

static void test_config_poll_timeout_range(void **state)
{
        struct fixture *f = *state;
        assert_int_equal(parse(f, "pollTimeout", "md 30"), 0);
        assert_int_equal(f->c.poll_timeout[md_pos()], 30);
        assert_int_equal(parse(f, "pollTimeout", "md 0"), -EINVAL);
        assert_int_equal(parse(f, "pollTimeout", "md 3601"), -EINVAL);
        assert_int_equal(f->c.poll_timeout[md_pos()], 30);
}

static void test_config_queue_and_event_table_sizes(void **state)
{
        struct fixture *f = *state;
        assert_int_equal(parse(f, "notificationQueueSize", "100000"), 0);
        assert_int_equal(f->c.queue_size, 100000);
        assert_int_equal(parse(f, "notificationQueueSize", "100001"), -EINVAL);
        assert_int_equal(parse(f, "notificationQueueSize", "0"), -EINVAL);
        assert_int_equal(parse(f, "eventTableSize", "1"), 0);
        assert_int_equal(f->c.event_table_size, 1);
        assert_int_equal(parse(f, "eventTableSize", "10001"), -EINVAL);
        assert_int_equal(parse(f, "eventTableSize", "-1"), -EINVAL);
        assert_int_equal(f->c.event_table_size, 1);
}

static void test_config_md_token_goes_to_md_config(void **state)
{
        struct fixture *f = *state;
        assert_int_equal(parse(f, "rebuildProgressStep", "0"), 0);
        assert_int_equal(md_conf(f)->rebuild_step, 0);
        assert_int_equal(parse(f, "rebuildProgressStep", "100"), 0);
        assert_int_equal(md_conf(f)->rebuild_step, 100);
        assert_int_equal(parse(f, "rebuildProgressStep", "101"), -EINVAL);
        assert_string_equal(f->err, "rebuildProgressStep: '101' is not a whole number in 0..100");
        assert_int_equal(parse(f, "rebuildProgressStep", "-1"), -EINVAL);
        assert_int_equal(parse(f, "rebuildProgressStep", "4294967316"), -EINVAL);
        assert_int_equal(parse(f, "rebuildProgressStep", "20 30"), -EINVAL);
        assert_int_equal(md_conf(f)->rebuild_step, 100);
}

static void test_config_mdadm_conf_path_or_none(void **state)
{
        struct fixture *f = *state;
        assert_string_equal(md_conf(f)->mdadm_conf, "/etc/mdadm/mdadm.conf"); /* the default */
        assert_false(md_conf(f)->mdadm_conf_given);
        assert_int_equal(parse(f, "mdadmConf", "/etc/mdadm.conf"), 0);
        assert_string_equal(md_conf(f)->mdadm_conf, "/etc/mdadm.conf");
        assert_true(md_conf(f)->mdadm_conf_given);
        assert_int_equal(parse(f, "mdadmConf", "none"), 0);
        assert_string_equal(md_conf(f)->mdadm_conf, "");
        assert_int_equal(parse(f, "mdadmConf", "mdadm.conf"), -EINVAL);
        assert_non_null(strstr(f->err, "not an absolute path"));
        assert_int_equal(parse(f, "mdadmConf", ""), -EINVAL);
        assert_int_equal(parse(f, "mdadmConf", "/a /b"), -EINVAL);
        assert_string_equal(md_conf(f)->mdadm_conf, ""); /* refused lines change nothing */
}

static void test_config_unknown_token_is_enoent(void **state)
{
        struct fixture *f = *state;
        assert_int_equal(parse(f, "pollIntervall", "md 10"), -ENOENT);
        assert_non_null(strstr(f->err, "pollIntervall"));
}

static void test_config_every_token_is_listed_once_with_usage(void **state)
{
        (void)state;
        size_t n = config_token_count();
        assert_true(n >= 6);
        bool seen_md = false;
        for (size_t i = 0; i < n; i++) {
                struct config_token t = config_token_at(i);
                assert_non_null(t.name);
                assert_non_null(t.usage);
                for (size_t k = 0; k < i; k++)
                        assert_string_not_equal(t.name, config_token_at(k).name);
                seen_md |= strcmp(t.name, "rebuildProgressStep") == 0;
        }
        assert_true(seen_md);
        assert_null(config_token_at(n).name);
}

static void test_config_a_fresh_config_does_not_share_module_objects(void **state)
{
        struct fixture *f = *state;
        struct srvh_config other;
        assert_int_equal(config_init(&other), 0);
        assert_int_equal(parse(f, "rebuildProgressStep", "5"), 0);
        const struct md_config *o = module_conf_get(other.module[md_pos()]);
        assert_int_equal(o->rebuild_step, MD_DEFAULT_REBUILD_STEP);
        assert_ptr_not_equal(o, md_conf(f));
        config_clear(&other);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        const struct CMUnitTest tests[] = {
            T(test_config_defaults),
            T(test_config_poll_interval_accepts_1_to_86400),
            T(test_config_poll_interval_refuses_zero_negative_huge_and_junk),
            T(test_config_out_of_range_message_says_what_is_accepted),
            T(test_config_unknown_module_lists_the_known_ones),
            T(test_config_disable_module),
            T(test_config_poll_timeout_range),
            T(test_config_queue_and_event_table_sizes),
            T(test_config_md_token_goes_to_md_config),
            T(test_config_mdadm_conf_path_or_none),
            T(test_config_unknown_token_is_enoent),
            T(test_config_every_token_is_listed_once_with_usage),
            T(test_config_a_fresh_config_does_not_share_module_objects),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
