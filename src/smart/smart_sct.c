/* Pure side of SMART Command Transport (ACS): the SCT status response (log E0h) and its
 * temperatures, the capability bits of IDENTIFY word 206, the Error Recovery Control "return
 * current" command and its replay text; plus the SATA link speeds sysfs prints and IDENTIFY word
 * 76 claims. Feeds srvhDiskErc*, srvhDiskTempLifetime* and srvhDiskLinkSpeed*. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smart/smart_logs.h"

static const char *const erc_names[] = {
    [SMART_ERC_ENABLED] = "enabled",
    [SMART_ERC_DISABLED] = "disabled",
    [SMART_ERC_UNSUPPORTED] = "unsupported",
};

const char *smart_erc_state_name(enum smart_erc_state s)
{
        return s > 0 && s < SMART_ERC_STATE_MAX_ ? erc_names[s] : "unknown";
}

static uint16_t word(const uint8_t *p, unsigned w)
{
        return (uint16_t)(p[2 * w] | p[2 * w + 1] << 8);
}

static void put_temp(uint8_t b, bool *has, int8_t *v)
{
        *has = b != 0x80; /* 80h: no valid value */
        *v = *has ? (int8_t)b : 0;
}

int smart_sct_status_decode(const uint8_t *page, size_t len, struct smart_sct_temps *ret)
{
        if (!page || len < SMART_LOG_PAGE)
                return -EINVAL;
        uint16_t version = word(page, 0);
        if (version != 2 && version != 3)
                return -EINVAL;
        memset(ret, 0, sizeof(*ret));
        put_temp(page[200], &ret->has_current, &ret->current);
        put_temp(page[201], &ret->has_cycle_min, &ret->cycle_min);
        put_temp(page[202], &ret->has_cycle_max, &ret->cycle_max);
        put_temp(page[203], &ret->has_life_min, &ret->life_min);
        put_temp(page[204], &ret->has_life_max, &ret->life_max);
        return 0;
}

void smart_sct_caps(const uint8_t *identify, size_t len, struct smart_sct_caps *ret)
{
        memset(ret, 0, sizeof(*ret));
        if (!identify || len < SMART_LOG_PAGE)
                return;
        uint16_t w = word(identify, 206);
        if (w == 0xffff)
                return;
        ret->sct = w & 0x0001;
        ret->erc = ret->sct && (w & 0x0008);
        ret->data_tables = ret->sct && (w & 0x0020);
}

void smart_sct_erc_command(uint8_t page[SMART_LOG_PAGE], unsigned selection)
{
        memset(page, 0, SMART_LOG_PAGE);
        page[0] = 3; /* action code: Error Recovery Control */
        page[2] = 2; /* function code: return current */
        page[4] = (uint8_t)selection;
}

enum smart_erc_state smart_erc_state_of(bool supported, uint16_t read_ds, uint16_t write_ds)
{
        if (!supported)
                return SMART_ERC_UNSUPPORTED;
        return read_ds && write_ds ? SMART_ERC_ENABLED : SMART_ERC_DISABLED;
}

int smart_erc_text_decode(const char *text, size_t len, uint16_t *ret_read, uint16_t *ret_write)
{
        char buf[128];
        bool got_read = false, got_write = false;
        unsigned long rd = 0, wr = 0;

        if (!text || len >= sizeof(buf))
                return -EINVAL;
        memcpy(buf, text, len);
        buf[len] = 0;
        for (char *save = NULL, *line = strtok_r(buf, "\n", &save); line;
             line = strtok_r(NULL, "\n", &save)) {
                char key[8], *end;
                int off = 0;
                if (sscanf(line, "%7s %n", key, &off) != 1 || !off)
                        return -EINVAL;
                errno = 0;
                unsigned long v = strtoul(line + off, &end, 10);
                if (errno || end == line + off || *end || v > 0xffff || line[off] == '-')
                        return -EINVAL;
                if (!strcmp(key, "read") && !got_read) {
                        rd = v;
                        got_read = true;
                } else if (!strcmp(key, "write") && !got_write) {
                        wr = v;
                        got_write = true;
                } else {
                        return -EINVAL;
                }
        }
        if (!got_read || !got_write)
                return -EINVAL;
        *ret_read = (uint16_t)rd;
        *ret_write = (uint16_t)wr;
        return 0;
}

int smart_link_speed_parse(const char *text, uint32_t *ret_mbps)
{
        unsigned whole, tenth;
        char unit[8];
        int n = 0;

        if (!text)
                return -EINVAL;
        if (!strncmp(text, "<unknown>", 9))
                return -ENODATA;
        if (sscanf(text, "%u.%1u %7s%n", &whole, &tenth, unit, &n) != 3 || strcmp(unit, "Gbps") ||
            whole > 100)
                return -EINVAL;
        while (text[n] == '\n' || text[n] == ' ')
                n++;
        if (text[n])
                return -EINVAL;
        *ret_mbps = whole * 1000 + tenth * 100;
        return 0;
}

uint32_t smart_identify_max_link(const uint8_t *identify, size_t len)
{
        if (!identify || len < SMART_LOG_PAGE)
                return 0;
        uint16_t w = word(identify, 76);
        if (w == 0 || w == 0xffff)
                return 0;
        return w & 0x0008 ? 6000 : w & 0x0004 ? 3000 : w & 0x0002 ? 1500 : 0;
}
