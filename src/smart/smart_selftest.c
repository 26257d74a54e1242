/* Pure decoders of the SMART self-test logs (ACS: log 06h through SMART READ LOG, extended log
 * 07h through READ LOG EXT) and the summary srvhDiskEntry serves from them: the newest test, the
 * test running now, hours since the last passing extended test, unsuperseded failures. */
#include <errno.h>
#include <string.h>

#include "smart/smart_logs.h"

#define SELFTEST_DESC_LEN  24 /* log 06h */
#define XSELFTEST_DESC_LEN 26 /* log 07h */
#define XSELFTEST_PER_PAGE 19

static const char *const type_names[] = {
    [SMART_TEST_OFFLINE] = "offline",     [SMART_TEST_SHORT] = "short",
    [SMART_TEST_EXTENDED] = "extended",   [SMART_TEST_CONVEYANCE] = "conveyance",
    [SMART_TEST_SELECTIVE] = "selective", [SMART_TEST_VENDOR] = "vendor",
};

static const char *const status_names[] = {
    [SMART_TEST_PASSED] = "passed",
    [SMART_TEST_ABORTED] = "abortedByHost",
    [SMART_TEST_INTERRUPTED] = "interruptedByReset",
    [SMART_TEST_FATAL] = "fatalError",
    [SMART_TEST_FAILED_UNKNOWN] = "failedUnknownElement",
    [SMART_TEST_FAILED_ELECTRICAL] = "failedElectrical",
    [SMART_TEST_FAILED_SERVO] = "failedServo",
    [SMART_TEST_FAILED_READ] = "failedRead",
    [SMART_TEST_FAILED_HANDLING] = "failedHandlingDamage",
    [SMART_TEST_IN_PROGRESS] = "inProgress",
    [SMART_TEST_OTHER] = "other",
};

const char *smart_test_type_name(enum smart_test_type t)
{
        return t > 0 && t < SMART_TEST_TYPE_MAX_ ? type_names[t] : "unknown";
}

const char *smart_test_status_name(enum smart_test_status s)
{
        return s > 0 && s < SMART_TEST_STATUS_MAX_ ? status_names[s] : "unknown";
}

bool smart_test_failed(enum smart_test_status s)
{
        return s >= SMART_TEST_FATAL && s <= SMART_TEST_FAILED_HANDLING;
}

/* The status byte: the result in the high nibble, tenths remaining in the low one. */
static enum smart_test_status status_of(uint8_t b)
{
        unsigned hi = b >> 4;
        if (hi <= 8)
                return (enum smart_test_status)(hi + 1);
        return hi == 15 ? SMART_TEST_IN_PROGRESS : SMART_TEST_OTHER;
}

/* The LBA low content the test was started with: 0 off-line collection, 1..4 short, extended,
 * conveyance, selective off-line; the same plus 80h in captive mode; the rest vendor's. */
static enum smart_test_type type_of(uint8_t b)
{
        unsigned t = b & 0x7f;
        if (b == 0)
                return SMART_TEST_OFFLINE;
        if (t >= 1 && t <= 4)
                return (enum smart_test_type)(t + 1);
        return SMART_TEST_VENDOR;
}

static bool checksum_ok(const uint8_t *page)
{
        uint8_t sum = 0;
        for (size_t i = 0; i < SMART_LOG_PAGE; i++)
                sum = (uint8_t)(sum + page[i]);
        return sum == 0;
}

static bool all_zero(const uint8_t *p, size_t n)
{
        for (size_t i = 0; i < n; i++) {
                if (p[i])
                        return false;
        }
        return true;
}

/* One descriptor: type, status, 16-bit hours, then the failing LBA of lba_len bytes at lba_at. */
static bool put_entry(const uint8_t *d, size_t dlen, size_t lba_at, size_t lba_len,
                      struct smart_selftest_log *log)
{
        if (all_zero(d, dlen) || log->n >= SMART_SELFTEST_MAX)
                return false;
        struct smart_selftest_entry *e = &log->v[log->n++];
        memset(e, 0, sizeof(*e));
        e->type = type_of(d[0]);
        e->status = status_of(d[1]);
        e->remaining_pct = (uint8_t)((d[1] & 0x0f) * 10);
        e->hour = (uint16_t)(d[2] | d[3] << 8);
        uint64_t lba = 0;
        for (size_t i = 0; i < lba_len; i++)
                lba |= (uint64_t)d[lba_at + i] << (8 * i);
        /* the LBA means something only for a test that stopped on a read failure */
        e->has_lba = smart_test_failed(e->status) && lba != 0 &&
                     lba != (lba_len == 4 ? 0xffffffffull : 0xffffffffffffull);
        e->failing_lba = e->has_lba ? lba : 0;
        return true;
}

int smart_selftest_decode(const uint8_t *page, size_t len, struct smart_selftest_log *ret)
{
        if (!page || len < SMART_LOG_PAGE)
                return -EINVAL;
        if (!checksum_ok(page))
                return -EBADMSG;
        unsigned newest = page[508];
        if (newest > SMART_SELFTEST_MAX)
                return -EINVAL;
        memset(ret, 0, sizeof(*ret));
        for (unsigned k = 0; newest && k < SMART_SELFTEST_MAX; k++) {
                unsigned slot = (newest - 1 + SMART_SELFTEST_MAX - k) % SMART_SELFTEST_MAX;
                const uint8_t *d = page + 2 + SELFTEST_DESC_LEN * slot;
                if (!put_entry(d, SELFTEST_DESC_LEN, 5, 4, ret))
                        break;
        }
        return 0;
}

int smart_xselftest_decode(const uint8_t *pages, size_t len, struct smart_selftest_log *ret)
{
        if (!pages || len < SMART_LOG_PAGE || len % SMART_LOG_PAGE)
                return -EINVAL;
        size_t n_pages = len / SMART_LOG_PAGE, total = n_pages * XSELFTEST_PER_PAGE;
        for (size_t p = 0; p < n_pages; p++) {
                if (!checksum_ok(pages + p * SMART_LOG_PAGE))
                        return -EBADMSG;
        }
        unsigned newest = pages[2] | pages[3] << 8;
        if (newest > total)
                return -EINVAL;
        memset(ret, 0, sizeof(*ret));
        for (size_t k = 0; newest && k < total && k < SMART_SELFTEST_MAX; k++) {
                size_t slot = (newest - 1 + total - k) % total;
                const uint8_t *d = pages + (slot / XSELFTEST_PER_PAGE) * SMART_LOG_PAGE + 4 +
                                   XSELFTEST_DESC_LEN * (slot % XSELFTEST_PER_PAGE);
                if (!put_entry(d, XSELFTEST_DESC_LEN, 5, 6, ret))
                        break;
        }
        return 0;
}

void smart_selftest_summarise(const struct smart_selftest_log *log, bool has_exec,
                              unsigned exec_status, unsigned exec_remaining_pct, bool has_poh,
                              uint64_t poh, struct smart_selftest_summary *ret)
{
        memset(ret, 0, sizeof(*ret));
        bool logged = log && log->n > 0;
        bool running = has_exec && exec_status == 15;

        if (running) {
                ret->has_last = true;
                ret->in_progress = true;
                ret->remaining_pct = exec_remaining_pct > 100 ? 100 : exec_remaining_pct;
                ret->last_status = SMART_TEST_IN_PROGRESS;
                /* a drive that logs the running test names its type */
                if (logged && log->v[0].status == SMART_TEST_IN_PROGRESS)
                        ret->last_type = log->v[0].type;
        } else if (logged) {
                ret->has_last = true;
                ret->last_type = log->v[0].type;
                ret->last_status = log->v[0].status;
                ret->has_last_hour = log->v[0].status != SMART_TEST_IN_PROGRESS;
                ret->last_hour = log->v[0].hour;
        } else if (has_exec && exec_status >= 1 && exec_status <= 8) {
                /* no log: SMART READ DATA still says how the last test ended (0 is also "never
                 * run", so it gives no cell) */
                ret->has_last = true;
                ret->last_status = (enum smart_test_status)(exec_status + 1);
                ret->failures = smart_test_failed(ret->last_status) ? 1 : 0;
        }
        for (size_t i = 0; logged && i < log->n; i++) {
                const struct smart_selftest_entry *e = &log->v[i];
                if (e->type == SMART_TEST_EXTENDED && e->status == SMART_TEST_PASSED) {
                        if (has_poh) {
                                ret->has_since_long = true;
                                ret->since_long = (uint16_t)((uint16_t)poh - e->hour);
                        }
                        break; /* a newer passing long test supersedes every older failure */
                }
                if (smart_test_failed(e->status))
                        ret->failures++;
        }
}
