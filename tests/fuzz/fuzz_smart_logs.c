/* libFuzzer target for the SMART log decoders (smart_selftest.c, smart_errlog.c, smart_sct.c,
 * smart_deep.c): any bytes as a self-test log 06h, extended log 07h (any number of pages), error
 * logs 01h/03h, SCT status, ERC text and sysfs speed text must decode or be refused without
 * reading past the end; what decodes must hold known enum values, and the summary must never
 * count a running test as a failure nor more failures than entries. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "smart/smart_logs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_log(const struct smart_selftest_log *log, bool has_exec, unsigned exec)
{
        struct smart_selftest_summary s;
        if (log->n > SMART_SELFTEST_MAX)
                abort();
        for (size_t i = 0; i < log->n; i++) {
                const struct smart_selftest_entry *e = &log->v[i];
                if (e->type < SMART_TEST_OFFLINE || e->type >= SMART_TEST_TYPE_MAX_ ||
                    e->status < SMART_TEST_PASSED || e->status >= SMART_TEST_STATUS_MAX_ ||
                    e->remaining_pct > 150)
                        abort();
        }
        smart_selftest_summarise(log, has_exec, exec, exec * 7, true, 70000, &s);
        /* an empty log leaves the execution status alone to say a test failed */
        if (s.failures > (log->n ? log->n : 1) ||
            (s.in_progress && s.last_status != SMART_TEST_IN_PROGRESS) || s.remaining_pct > 100)
                abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct smart_selftest_log log;
        uint32_t n;
        uint16_t rd, wr;
        struct smart_sct_temps t;

        if (smart_selftest_decode(data, size, &log) == 0)
                check_log(&log, size > 0, size ? data[0] & 15 : 0);
        if (smart_xselftest_decode(data, size, &log) == 0)
                check_log(&log, false, 0);
        (void)smart_errlog_count(data, size, &n);
        (void)smart_xerrlog_count(data, size, &n);
        (void)smart_sct_status_decode(data, size, &t);
        if (smart_erc_text_decode((const char *)data, size, &rd, &wr) == 0 &&
            smart_erc_state_of(true, rd, wr) >= SMART_ERC_STATE_MAX_)
                abort();
        char text[64];
        size_t k = size < sizeof(text) - 1 ? size : sizeof(text) - 1;
        memcpy(text, data, k);
        text[k] = 0;
        uint32_t mbps;
        if (smart_link_speed_parse(text, &mbps) == 0 && mbps > 101000)
                abort();
        /* the whole input as every page at once, as a device or replay would hand them over */
        struct smart_deep d = {.has_exec = size > 1, .exec_status = size > 1 ? data[1] >> 4 : 0};
        struct smart_log_pages pg = {.identify = data,
                                     .identify_len = size,
                                     .selftest = data,
                                     .selftest_len = size,
                                     .xselftest = data,
                                     .xselftest_len = size,
                                     .errlog = data,
                                     .errlog_len = size,
                                     .xerrlog = data,
                                     .xerrlog_len = size,
                                     .sct_status = data,
                                     .sct_status_len = size};
        smart_deep_decode(&pg, true, 12345, &d);
        if (memchr(d.log_error, 0, sizeof(d.log_error)) == NULL)
                abort();
        return 0;
}
