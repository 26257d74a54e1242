/* Shared by the unit tests: read a file below tests/fixtures into a malloc'd buffer of exactly its
 * size, with no NUL after it, as the parsers must cope with. Fails the running test if it cannot. */
#ifndef SRVH_TEST_FIXTURE_H
#define SRVH_TEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>

static inline char *fixture_read(const char *rel, size_t *ret_len)
{
        char path[512];
        snprintf(path, sizeof(path), "%s/%s", SRVH_FIXTURES, rel);
        FILE *f = fopen(path, "rb");
        if (!f)
                fail_msg("cannot open fixture %s", path);
        assert_int_equal(fseek(f, 0, SEEK_END), 0);
        long sz = ftell(f);
        assert_true(sz >= 0);
        rewind(f);
        char *buf = malloc(sz > 0 ? (size_t)sz : 1);
        assert_non_null(buf);
        assert_int_equal(fread(buf, 1, (size_t)sz, f), (size_t)sz);
        fclose(f);
        *ret_len = (size_t)sz;
        return buf;
}

#endif
