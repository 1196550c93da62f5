/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Whose sysfs this is: the kernel release, hostname, machine and date of the live
 * system (uname(2), now), or those a snapshot recorded (sysfs-archive.h's metadata). A
 * recorded directory says none of them.
 */
#ifndef SYSABI_SYSFS_IDENTITY_H
#define SYSABI_SYSFS_IDENTITY_H

struct sysfs_root;

struct sysfs_identity {
	char *kernel_release; /* "6.12.118-amd64", or NULL when unknown */
	char *hostname;
	char *machine;      /* "x86_64" */
	char *date;         /* when recorded (ISO 8601, UTC); now for the live /sys */
	char *os;           /* /etc/os-release's PRETTY_NAME */
	char *label;        /* the snapshot's --label */
	const char *source; /* "live", "sysabi-snapshot" or "recorded" */
};

/* Fill @id for @root; fields it cannot tell are NULL. Returns 0 or -ENOMEM. */
int sysfs_identity_read(const struct sysfs_root *root, struct sysfs_identity *id);
void sysfs_identity_release(struct sysfs_identity *id);

#endif
