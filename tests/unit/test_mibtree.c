/* The generic table walker (src/core/mibtree.c): GET and GETNEXT over a scalar group, a table
 * nested inside it, a two-index table and a sparse column, in the order SNMP requires. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/mibtree.h"

/* Rows carry one number; column 3 of the member table is missing for odd numbers. */
static int get_num(const void *data, unsigned column, struct mib_value *v)
{
        uint32_t n = *(const uint32_t *)data;
        if (column == 3 && n % 2)
                return -ENOENT;
        mib_set_int(v, (int64_t)n * 10 + column);
        return 0;
}

static const uint32_t n0 = 0, n1 = 1, n2 = 2, n4 = 4, n7 = 7;

/* scalar group at {1}: columns 1,2,4 (column 3 is the nested table {1,3,1}) */
static const struct mib_row scalar_row[] = {{.idx = {0}, .idx_len = 1, .data = &n0}};
static const struct mib_rows scalar_rows = {scalar_row, 1};
static const unsigned scalar_cols[] = {1, 2, 4};
static const struct mib_table scalars = {"scalars", {1}, 1, scalar_cols, 3, get_num, &scalar_rows};

static const struct mib_row nested_row[] = {
    {.idx = {1}, .idx_len = 1, .data = &n1},
    {.idx = {2}, .idx_len = 1, .data = &n2},
};
static const struct mib_rows nested_rows = {nested_row, 2};
static const unsigned nested_cols[] = {2, 3};
static const struct mib_table nested = {"nested", {1, 3, 1}, 3,           nested_cols,
                                        2,        get_num,   &nested_rows};

/* two-index table at {2,2,1} with rows (1,1) (1,7) (4,3) */
static const struct mib_row member_row[] = {
    {.idx = {1, 1}, .idx_len = 2, .data = &n1},
    {.idx = {1, 7}, .idx_len = 2, .data = &n7},
    {.idx = {4, 3}, .idx_len = 2, .data = &n4},
};
static const struct mib_rows member_rows = {member_row, 3};
static const unsigned member_cols[] = {2, 3};
static const struct mib_table members = {"members", {2, 2, 1}, 3,           member_cols,
                                         2,         get_num,   &member_rows};

static const struct mib_rows no_rows = {NULL, 0};
static const struct mib_table empty = {"empty", {2, 1, 1}, 3, member_cols, 2, get_num, &no_rows};

static const struct mib_table *const all[] = {&members, &scalars, &empty, &nested};
static const struct mib_tree tree = {all, 4};

#define OID(...) ((const uint32_t[]){__VA_ARGS__}), (sizeof((const uint32_t[]){__VA_ARGS__}) / 4)

static void assert_oid(const struct mib_hit *h, const uint32_t *want, size_t n)
{
        assert_int_equal(h->oid_len, n);
        assert_memory_equal(h->oid, want, n * sizeof(uint32_t));
}

static void test_walk_visits_every_instance_in_oid_order(void **state)
{
        (void)state;
        /* What an SNMP walk of this tree must return, derived by hand from the tables above. */
        static const uint32_t want[][6] = {
            {1, 1, 0},          {1, 2, 0},          {1, 3, 1, 2, 1},
            {1, 3, 1, 2, 2},    {1, 3, 1, 3, 2}, /* row 1 has no column 3 */
            {1, 4, 0},          {2, 2, 1, 2, 1, 1}, {2, 2, 1, 2, 1, 7},
            {2, 2, 1, 2, 4, 3}, {2, 2, 1, 3, 4, 3},
        };
        static const size_t want_len[] = {3, 3, 5, 5, 5, 3, 6, 6, 6, 6};
        uint32_t cur[16] = {0};
        size_t cur_len = 0;
        struct mib_hit h;
        for (size_t i = 0; i < sizeof(want_len) / sizeof(want_len[0]); i++) {
                assert_int_equal(mib_tree_next(&tree, cur, cur_len, &h), 0);
                assert_oid(&h, want[i], want_len[i]);
                memcpy(cur, h.oid, h.oid_len * sizeof(uint32_t));
                cur_len = h.oid_len;
        }
        assert_int_equal(mib_tree_next(&tree, cur, cur_len, &h), -ENOENT);
}

static void test_getnext_result_reads_back_with_get(void **state)
{
        (void)state;
        uint32_t cur[16] = {0};
        size_t cur_len = 0;
        struct mib_hit next, got;
        while (mib_tree_next(&tree, cur, cur_len, &next) == 0) {
                assert_int_equal(mib_tree_get(&tree, next.oid, next.oid_len, &got), 0);
                assert_int_equal(got.value.i, next.value.i);
                assert_true(mib_oid_cmp(next.oid, next.oid_len, cur, cur_len) > 0);
                memcpy(cur, next.oid, next.oid_len * sizeof(uint32_t));
                cur_len = next.oid_len;
        }
}

static void test_get_value_comes_from_the_row(void **state)
{
        (void)state;
        struct mib_hit h;
        assert_int_equal(mib_tree_get(&tree, OID(2, 2, 1, 3, 4, 3), &h), 0);
        assert_int_equal(h.value.type, MIB_T_INTEGER);
        assert_int_equal(h.value.i, 43);
}

static void test_get_unknown_column_is_no_such_object(void **state)
{
        (void)state;
        struct mib_hit h;
        assert_int_equal(mib_tree_get(&tree, OID(1, 9, 0), &h), -ENOENT);
        assert_int_equal(mib_tree_get(&tree, OID(3), &h), -ENOENT);
}

static void test_get_missing_row_is_no_such_instance(void **state)
{
        (void)state;
        struct mib_hit h;
        assert_int_equal(mib_tree_get(&tree, OID(2, 2, 1, 2, 4, 4), &h), -ESRCH);
        assert_int_equal(mib_tree_get(&tree, OID(1, 1), &h), -ESRCH);       /* no instance arc */
        assert_int_equal(mib_tree_get(&tree, OID(1, 1, 0, 0), &h), -ESRCH); /* too long */
        assert_int_equal(mib_tree_get(&tree, OID(2, 2, 1, 3, 1, 7), &h), -ESRCH); /* sparse */
}

static void test_getnext_inside_an_index_moves_to_the_next_row(void **state)
{
        (void)state;
        struct mib_hit h;
        /* a partial index (1) sorts before (1,1) */
        assert_int_equal(mib_tree_next(&tree, OID(2, 2, 1, 2, 1), &h), 0);
        assert_oid(&h, OID(2, 2, 1, 2, 1, 1));
        /* (1,5) lies between (1,1) and (1,7) */
        assert_int_equal(mib_tree_next(&tree, OID(2, 2, 1, 2, 1, 5), &h), 0);
        assert_oid(&h, OID(2, 2, 1, 2, 1, 7));
        /* after the last row of column 2 comes the first row of column 3 that has a value */
        assert_int_equal(mib_tree_next(&tree, OID(2, 2, 1, 2, 9), &h), 0);
        assert_oid(&h, OID(2, 2, 1, 3, 4, 3));
}

static void test_getnext_past_the_tree_finds_nothing(void **state)
{
        (void)state;
        struct mib_hit h;
        assert_int_equal(mib_tree_next(&tree, OID(2, 2, 1, 3, 4, 3), &h), -ENOENT);
        assert_int_equal(mib_tree_next(&tree, OID(2, 3), &h), -ENOENT);
        assert_int_equal(mib_tree_next(&tree, OID(4294967295u), &h), -ENOENT);
}

static void test_getnext_skips_an_empty_table(void **state)
{
        (void)state;
        struct mib_hit h;
        assert_int_equal(mib_tree_next(&tree, OID(2), &h), 0);
        assert_oid(&h, OID(2, 2, 1, 2, 1, 1));
}

static void test_getnext_on_a_table_prefix_starts_at_its_first_cell(void **state)
{
        (void)state;
        struct mib_hit h;
        assert_int_equal(mib_tree_next(&tree, OID(1, 3), &h), 0);
        assert_oid(&h, OID(1, 3, 1, 2, 1));
        assert_int_equal(mib_tree_next(&tree, OID(1, 3, 1, 3), &h), 0);
        assert_oid(&h, OID(1, 3, 1, 3, 2));
}

static void test_values_are_clamped_to_their_smi_range(void **state)
{
        (void)state;
        struct mib_value v;
        mib_set_gauge(&v, UINT64_C(1) << 40);
        assert_int_equal(v.u, UINT32_MAX);
        mib_set_counter32(&v, (UINT64_C(1) << 32) + 5);
        assert_int_equal(v.u, 5);
        mib_set_int(&v, -(INT64_C(1) << 40));
        assert_int_equal(v.i, INT32_MIN);
}

static void test_datetime_encodes_utc_per_rfc2579(void **state)
{
        (void)state;
        struct mib_value v;
        mib_set_datetime(&v, 1764115200); /* 2025-11-26 00:00:00 UTC */
        static const uint8_t want[11] = {0x07, 0xe9, 11, 26, 0, 0, 0, 0, '+', 0, 0};
        assert_int_equal(v.len, 11);
        assert_memory_equal(mib_value_bytes(&v), want, 11);
        mib_set_datetime(&v, 0);
        assert_int_equal(v.len, 8);
}

static int get_time(const void *data, unsigned column, struct mib_value *v)
{
        (void)data;
        (void)column;
        mib_set_datetime(v, 1764115200);
        return 0;
}

static void test_getnext_keeps_values_held_in_the_scratch_buffer(void **state)
{
        (void)state;
        static const unsigned cols[] = {1};
        static const struct mib_table times = {"times", {5}, 1, cols, 1, get_time, &scalar_rows};
        static const struct mib_table *const t[] = {&times, &members};
        static const struct mib_tree tr = {t, 2};
        struct mib_hit h;
        assert_int_equal(mib_tree_next(&tr, OID(4), &h), 0);
        assert_ptr_equal(mib_value_bytes(&h.value), h.value.buf);
        assert_int_equal(((const uint8_t *)mib_value_bytes(&h.value))[0], 0x07);
        assert_int_equal(((const uint8_t *)mib_value_bytes(&h.value))[3], 26);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_walk_visits_every_instance_in_oid_order),
            cmocka_unit_test(test_getnext_result_reads_back_with_get),
            cmocka_unit_test(test_get_value_comes_from_the_row),
            cmocka_unit_test(test_get_unknown_column_is_no_such_object),
            cmocka_unit_test(test_get_missing_row_is_no_such_instance),
            cmocka_unit_test(test_getnext_inside_an_index_moves_to_the_next_row),
            cmocka_unit_test(test_getnext_past_the_tree_finds_nothing),
            cmocka_unit_test(test_getnext_skips_an_empty_table),
            cmocka_unit_test(test_getnext_on_a_table_prefix_starts_at_its_first_cell),
            cmocka_unit_test(test_values_are_clamped_to_their_smi_range),
            cmocka_unit_test(test_datetime_encodes_utc_per_rfc2579),
            cmocka_unit_test(test_getnext_keeps_values_held_in_the_scratch_buffer),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
