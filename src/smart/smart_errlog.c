/* Pure decoders of the ATA error logs' device error count (ACS): the summary error log 01h (and
 * the comprehensive 02h, same first page) through SMART READ LOG, and the extended comprehensive
 * error log 03h through READ LOG EXT. Feeds srvhDiskErrorLogCount and srvhDiskExtErrorLogCount. */
#include <errno.h>

#include "smart/smart_logs.h"

static int check_page(const uint8_t *page, size_t len)
{
        uint8_t sum = 0;
        if (!page || len < SMART_LOG_PAGE || page[0] != 1) /* both logs are at version 1 */
                return -EINVAL;
        for (size_t i = 0; i < SMART_LOG_PAGE; i++)
                sum = (uint8_t)(sum + page[i]);
        return sum == 0 ? 0 : -EBADMSG;
}

/* 01h: version, pointer to the newest of 5 error entries of 90 bytes, then the count (the number
 * of errors since the drive was made, not capped at the 5 entries kept) at 452..453. */
int smart_errlog_count(const uint8_t *page, size_t len, uint32_t *ret)
{
        int r = check_page(page, len);
        if (r < 0)
                return r;
        if (page[1] > 5)
                return -EINVAL;
        *ret = (uint32_t)(page[452] | page[453] << 8);
        return 0;
}

/* 03h: version, reserved, 16-bit index of the newest of 4 entries of 124 bytes, the count at
 * 500..501. */
int smart_xerrlog_count(const uint8_t *page, size_t len, uint32_t *ret)
{
        int r = check_page(page, len);
        if (r < 0)
                return r;
        *ret = (uint32_t)(page[500] | page[501] << 8);
        return 0;
}
