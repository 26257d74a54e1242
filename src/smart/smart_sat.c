/* ATA PASS-THROUGH (16) CDBs and the ATA registers in sense data (smart_sat.h), decoded from both
 * the descriptor and the fixed sense formats so SMART works whatever the disk's D_SENSE bit says.
 * Pure: no I/O. */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "smart/smart_enums.h"
#include "smart/smart_sat.h"

#define ATA_IDENTIFY_DEVICE  0xec
#define ATA_CHECK_POWER_MODE 0xe5
#define ATA_SMART            0xb0
#define ATA_READ_LOG_EXT     0x2f

void smart_ata_identify(struct smart_ata_regs *r)
{
        memset(r, 0, sizeof(*r));
        r->command = ATA_IDENTIFY_DEVICE;
        r->count = 1;
}

void smart_ata_check_power(struct smart_ata_regs *r)
{
        memset(r, 0, sizeof(*r));
        r->command = ATA_CHECK_POWER_MODE;
}

void smart_ata_smart(struct smart_ata_regs *r, uint8_t feature)
{
        memset(r, 0, sizeof(*r));
        r->command = ATA_SMART;
        r->feature = feature;
        r->count = 1;
        r->lba_mid = 0x4f; /* the SMART signature every SMART subcommand carries */
        r->lba_high = 0xc2;
}

void smart_ata_smart_log(struct smart_ata_regs *r, uint8_t feature, uint8_t log)
{
        smart_ata_smart(r, feature);
        r->lba_low = log;
}

void smart_ata_read_log_ext(struct smart_ata_regs *r, uint8_t log)
{
        memset(r, 0, sizeof(*r));
        r->command = ATA_READ_LOG_EXT;
        r->count = 1;
        r->lba_low = log; /* LBA mid/high: page number 0 */
        r->extend = true;
}

uint16_t smart_sat_erc_limit(const struct smart_ata_result *r)
{
        return (uint16_t)(r->count | r->lba_low << 8);
}

void smart_sat_cdb(const struct smart_ata_regs *r, enum smart_sat_protocol p, uint8_t *cdb)
{
        memset(cdb, 0, SMART_SAT_CDB_LEN);
        cdb[0] = 0x85;                                    /* ATA PASS-THROUGH (16) */
        cdb[1] = (uint8_t)(p << 1 | (r->extend ? 1 : 0)); /* PROTOCOL, EXTEND */
        /* Data-in commands go without CK_COND: their result is the sector, and Debian 12's
         * kernel (6.1) answers a PIO data-in command that has CK_COND with ABORTED COMMAND and
         * no registers, although the data did arrive (seen under QEMU, tests/vm). Data-out
         * (SCT commands) and non-data commands keep it: their registers are the answer. */
        if (p == SMART_SAT_PIO_IN)
                cdb[2] = 0x0e; /* T_DIR from device, BYT_BLOK, T_LENGTH in COUNT */
        else if (p == SMART_SAT_PIO_OUT)
                cdb[2] = 0x26; /* CK_COND, T_DIR to device, BYT_BLOK, T_LENGTH in COUNT */
        else
                cdb[2] = 0x20; /* CK_COND, no data */
        cdb[4] = r->feature;
        cdb[6] = r->count;
        cdb[8] = r->lba_low;
        cdb[10] = r->lba_mid;
        cdb[12] = r->lba_high;
        cdb[13] = r->device;
        cdb[14] = r->command;
}

static int decode_descriptor(const uint8_t *s, size_t len, struct smart_ata_result *r)
{
        size_t total = 8 + (size_t)s[7]; /* header + ADDITIONAL SENSE LENGTH */
        if (total > len)
                total = len;
        for (size_t off = 8; off + 2 <= total;) {
                const uint8_t *d = s + off;
                size_t dlen = 2 + (size_t)d[1];
                if (d[0] == 0x09) { /* ATA Status Return */
                        if (d[1] < 0x0c || off + 14 > total)
                                return -EINVAL;
                        r->error = d[3];
                        r->count = d[5];
                        r->lba_low = d[7];
                        r->lba_mid = d[9];
                        r->lba_high = d[11];
                        r->device = d[12];
                        r->status = d[13];
                        r->descriptor = true;
                        return 0;
                }
                off += dlen;
        }
        return -ENODATA;
}

static int decode_fixed(const uint8_t *s, size_t len, struct smart_ata_result *r)
{
        /* SAT: ASC/ASCQ 00h/1Dh, ATA PASS THROUGH INFORMATION AVAILABLE */
        if (len < 14)
                return -EINVAL;
        if (s[12] != 0x00 || s[13] != 0x1d)
                return -ENODATA;
        r->error = s[3]; /* INFORMATION field: error, status, device, count(7:0) */
        r->status = s[4];
        r->device = s[5];
        r->count = s[6];
        /* COMMAND-SPECIFIC INFORMATION: flags (extend, upper bits non-zero), LBA(7:0),
         * LBA(15:8), LBA(23:16) */
        r->lba_low = s[9];
        r->lba_mid = s[10];
        r->lba_high = s[11];
        r->descriptor = false;
        return 0;
}

int smart_sat_decode_sense(const uint8_t *sense, size_t len, struct smart_ata_result *ret)
{
        struct smart_ata_result r = {0};
        int k;

        if (!sense || len < 8)
                return len == 0 ? -ENODATA : -EINVAL;
        switch (sense[0] & 0x7f) {
        case 0x72:
        case 0x73:
                k = decode_descriptor(sense, len, &r);
                break;
        case 0x70:
        case 0x71:
                k = decode_fixed(sense, len, &r);
                break;
        default:
                k = -ENODATA;
        }
        if (k == 0)
                *ret = r;
        return k;
}

int smart_sat_smart_status(const struct smart_ata_result *r)
{
        if (r->lba_mid == 0x4f && r->lba_high == 0xc2)
                return 1;
        if (r->lba_mid == 0xf4 && r->lba_high == 0x2c)
                return 0;
        return -EIO;
}

int smart_sat_power_mode(const struct smart_ata_result *r)
{
        switch (r->count) {
        case 0x00:
                return SMART_POWER_STANDBY;
        case 0x80:
        case 0x81:
        case 0x82:
        case 0x83:
                return SMART_POWER_IDLE;
        case 0xff:
                return SMART_POWER_ACTIVE;
        default:
                return SMART_POWER_UNKNOWN;
        }
}

#define SCSI_GOOD            0x00
#define SCSI_CHECK_CONDITION 0x02
#define SG_HOST_TIME_OUT     0x03 /* DID_TIME_OUT */
#define SG_DRIVER_TIMEOUT    0x06
#define ATA_STATUS_ERR       0x01
#define ATA_STATUS_DF        0x20
#define SENSE_ILLEGAL        0x05

/* Sense key and ASC of either format, or -1. */
static int sense_key(const uint8_t *s, size_t len, uint8_t *ret_asc)
{
        if (!s || len < 4)
                return -1;
        switch (s[0] & 0x7f) {
        case 0x72:
        case 0x73:
                *ret_asc = s[2];
                return s[1] & 0x0f;
        case 0x70:
        case 0x71:
                *ret_asc = len > 12 ? s[12] : 0;
                return s[2] & 0x0f;
        default:
                return -1;
        }
}

enum smart_sat_outcome smart_sat_outcome(const struct smart_sg_reply *s,
                                         struct smart_ata_result *regs, bool *has_regs)
{
        *has_regs = false;
        switch (s->ioctl_errno) {
        case 0:
                break;
        case EPERM:
        case EACCES:
                return SMART_SAT_NO_PERMISSION;
        case ENOTTY:
        case EINVAL:
        case ENOTSUP:
        case ENXIO:
                return SMART_SAT_NO_SGIO;
        case ETIMEDOUT:
                return SMART_SAT_TIMED_OUT;
        default:
                return SMART_SAT_FAILED;
        }
        if (s->host_status == SG_HOST_TIME_OUT || (s->driver_status & 0x0f) == SG_DRIVER_TIMEOUT)
                return SMART_SAT_TIMED_OUT;
        if (s->host_status != 0)
                return SMART_SAT_FAILED;
        if (smart_sat_decode_sense(s->sense, s->sense_len, regs) == 0) {
                *has_regs = true;
                if (regs->status & (ATA_STATUS_ERR | ATA_STATUS_DF))
                        return SMART_SAT_ATA_ERROR;
                return SMART_SAT_OK;
        }
        if (s->status == SCSI_GOOD)
                return SMART_SAT_OK;
        uint8_t asc = 0;
        int key = sense_key(s->sense, s->sense_len, &asc);
        /* invalid command operation code (20h) or invalid field in CDB (24h): no SAT layer */
        if (s->status == SCSI_CHECK_CONDITION && key == SENSE_ILLEGAL &&
            (asc == 0x20 || asc == 0x24))
                return SMART_SAT_NOT_ATA;
        return SMART_SAT_FAILED;
}
