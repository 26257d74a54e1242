/* ATA commands over SCSI ATA PASS-THROUGH (16) (SAT, T10): building the CDB and decoding the ATA
 * registers the kernel returns in the sense data, in both the descriptor format libatasmart
 * expects and the fixed format Debian 12's libata returns unless D_SENSE is set. Pure: the SG_IO
 * ioctl that carries them lives in the collector. */
#ifndef SRVH_SMART_SAT_H
#define SRVH_SMART_SAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SMART_SAT_CDB_LEN 16

enum smart_sat_protocol {
        SMART_SAT_NON_DATA = 3,
        SMART_SAT_PIO_IN = 4,
        SMART_SAT_PIO_OUT = 5, /* one 512-byte sector to the device (SMART WRITE LOG) */
};

/* The ATA registers of one 28-bit command. */
struct smart_ata_regs {
        uint8_t command, feature, count, lba_low, lba_mid, lba_high, device;
        bool extend; /* a 48-bit command (READ LOG EXT): EXTEND set, upper bytes 0 */
};

/* What the device left in its registers, from the sense data. */
struct smart_ata_result {
        uint8_t error, status, count, lba_low, lba_mid, lba_high, device;
        bool descriptor; /* which sense format carried it */
};

/* The commands the reader issues. */
void smart_ata_identify(struct smart_ata_regs *r);         /* IDENTIFY DEVICE, 1 sector in */
void smart_ata_check_power(struct smart_ata_regs *r);      /* CHECK POWER MODE, no data */
void smart_ata_smart(struct smart_ata_regs *r, uint8_t f); /* SMART with feature f (D0, D1, DA) */
/* SMART READ LOG (D5h) / SMART WRITE LOG (D6h) of one sector at log address log. */
void smart_ata_smart_log(struct smart_ata_regs *r, uint8_t feature, uint8_t log);
/* READ LOG EXT (2Fh), page 0 of log address log, one sector. */
void smart_ata_read_log_ext(struct smart_ata_regs *r, uint8_t log);
/* The time limit SCT ERC "return current" leaves in the registers (Count, then LBA Low as its
 * upper byte), in tenths of a second. */
uint16_t smart_sat_erc_limit(const struct smart_ata_result *r);

/* Fill cdb[16] for r: PIO data-in or data-out of one 512-byte sector (T_DIR, BYT_BLOK, T_LENGTH
 * in the count field) or non-data. CK_COND, which makes the registers come back, is set for
 * data-out and non-data; data-in goes without it (the sector is the result). */
void smart_sat_cdb(const struct smart_ata_regs *r, enum smart_sat_protocol p, uint8_t *cdb);

/* Decode the ATA registers from sense data of length len: descriptor format (0x72/0x73 with an
 * ATA Status Return descriptor, code 0x09) or fixed format (0x70/0x71, "ATA pass through
 * information available", registers in the information and command-specific fields). Returns 0;
 * -ENODATA when the sense holds no ATA registers (no sense, or another error); -EINVAL when it is
 * too short for what it claims. */
int smart_sat_decode_sense(const uint8_t *sense, size_t len, struct smart_ata_result *ret);

/* SMART RETURN STATUS from the registers: 1 good, 0 threshold exceeded, -EIO neither. */
int smart_sat_smart_status(const struct smart_ata_result *r);

/* CHECK POWER MODE's count register as srvhDiskPowerState (enum smart_power). */
int smart_sat_power_mode(const struct smart_ata_result *r);

/* What one SG_IO ioctl came back with: the ioctl's errno (0 when it returned 0), the SCSI status
 * byte, the host and driver status of struct sg_io_hdr and the sense bytes written. */
struct smart_sg_reply {
        int ioctl_errno;
        uint8_t status;
        uint16_t host_status, driver_status;
        const uint8_t *sense;
        size_t sense_len;
};

/* How one pass-through command ended, worst cases first. */
enum smart_sat_outcome {
        SMART_SAT_OK,            /* done; registers in *regs if has_regs */
        SMART_SAT_NO_PERMISSION, /* EPERM/EACCES: no CAP_SYS_RAWIO */
        SMART_SAT_NO_SGIO,       /* the device takes no SG_IO at all (virtio, NVMe, a file) */
        SMART_SAT_NOT_ATA,       /* a SCSI device that refuses ATA PASS-THROUGH */
        SMART_SAT_TIMED_OUT,     /* sg_io_hdr.timeout expired (or the kernel said so) */
        SMART_SAT_ATA_ERROR,     /* the drive aborted the command (ERR or DF in its status) */
        SMART_SAT_FAILED,        /* anything else: a transport or I/O error */
};

/* Classify a reply. Pure. With CK_COND set every finished command returns CHECK CONDITION with
 * the registers in the sense data, so that is success; a command whose status byte is GOOD but
 * carries no registers (a data-in command, sent without CK_COND) is success without them
 * (*has_regs false). */
enum smart_sat_outcome smart_sat_outcome(const struct smart_sg_reply *s,
                                         struct smart_ata_result *regs, bool *has_regs);

#endif
