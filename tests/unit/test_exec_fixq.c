/* The errFix request queue (src/exec/exec_fixq.c): names only, bounded, oldest first, and a
 * push wakes the collector's eventfd. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cmocka.h>

#include "exec/exec_fixq.h"

static void test_push_take_oldest_first_and_wakes_the_collector(void **state)
{
        (void)state;
        int fd = eventfd(0, EFD_NONBLOCK);
        assert_true(fd >= 0);
        exec_fixq_attach(fd);
        assert_int_equal(exec_fixq_push("a"), 0);
        assert_int_equal(exec_fixq_push("b"), 0);
        uint64_t v = 0;
        assert_int_equal(read(fd, &v, sizeof(v)), sizeof(v));
        assert_int_equal(v, 2);
        char names[4][EXEC_NAME_MAX + 1];
        assert_int_equal(exec_fixq_take(names, 4), 2);
        assert_string_equal(names[0], "a");
        assert_string_equal(names[1], "b");
        assert_int_equal(exec_fixq_take(names, 4), 0);
        exec_fixq_attach(-1);
        close(fd);
}

static void test_full_queue_refuses_and_names_are_checked(void **state)
{
        (void)state;
        char longname[EXEC_NAME_MAX + 2];
        memset(longname, 'x', sizeof(longname) - 1);
        longname[sizeof(longname) - 1] = '\0';
        assert_int_equal(exec_fixq_push(""), -EINVAL);
        assert_int_equal(exec_fixq_push(NULL), -EINVAL);
        assert_int_equal(exec_fixq_push(longname), -EINVAL);
        for (int i = 0; i < EXEC_FIXQ_MAX; i++) {
                assert_true(exec_fixq_has_room());
                assert_int_equal(exec_fixq_push("c"), 0);
        }
        assert_false(exec_fixq_has_room());
        assert_int_equal(exec_fixq_push("c"), -EAGAIN);
        char names[EXEC_FIXQ_MAX][EXEC_NAME_MAX + 1];
        assert_int_equal(exec_fixq_take(names, 3), 3);
        assert_int_equal(exec_fixq_take(names, EXEC_FIXQ_MAX), EXEC_FIXQ_MAX - 3);
        assert_true(exec_fixq_has_room());
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_push_take_oldest_first_and_wakes_the_collector),
            cmocka_unit_test(test_full_queue_refuses_and_names_are_checked),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
