// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Lookups below a root and bounded reads (common/beneath.c, common/file-read.c), each
 * test run twice: with openat2(2) and with the check used where the kernel lacks it.
 */
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/beneath.h"
#include "common/file-read.h"
#include "unit.h"

/*
 * root/
 *   a/file          "inside"
 *   a/up -> ../b    a link that stays below the root
 *   b/               (empty)
 *   rel-out -> ../../outside-file
 *   abs-out -> /etc/hostname
 *   zero -> /dev/zero
 *   self -> self    a loop
 *   fifo            a FIFO
 *   big             5000 bytes
 * outside-file      beside the root
 */
static char *make_tree(void)
{
	static const struct unit_file files[] = {
		{ "root/a/file", "inside" },
		{ "root/b", NULL },
		{ "outside-file", "secret" },
		{ NULL },
	};
	char *top = unit_tree_new(files), *p;
	char big[5000];
	FILE *f;

	CU_ASSERT_FATAL(asprintf(&p, "%s/root", top) > 0);
	CU_ASSERT_FATAL(chdir(p) == 0);
	CU_ASSERT_FATAL(symlink("../b", "a/up") == 0);
	CU_ASSERT_FATAL(symlink("../../outside-file", "rel-out") == 0);
	CU_ASSERT_FATAL(symlink("/etc/hostname", "abs-out") == 0);
	CU_ASSERT_FATAL(symlink("/dev/zero", "zero") == 0);
	CU_ASSERT_FATAL(symlink("self", "self") == 0);
	CU_ASSERT_FATAL(symlink("a/file", "in-link") == 0);
	CU_ASSERT_FATAL(mkfifo("fifo", 0600) == 0);
	memset(big, 'x', sizeof(big));
	f = fopen("big", "w");
	CU_ASSERT_FATAL(f && fwrite(big, 1, sizeof(big), f) == sizeof(big) &&
			fclose(f) == 0);
	CU_ASSERT_FATAL(chdir("/") == 0);
	free(p);
	return top;
}

static int open_root(const char *top)
{
	char *p;
	int fd;

	CU_ASSERT_FATAL(asprintf(&p, "%s/root", top) > 0);
	fd = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(p);
	CU_ASSERT_FATAL(fd >= 0);
	return fd;
}

static void read_expect(int root, const char *rel, int how, int err, const char *text)
{
	char *buf = NULL;
	size_t len = 0;
	int r = file_read_beneath(root, rel, how, 4096, &buf, &len);

	if (r != err)
		fprintf(stderr, "\n%s: got %d (%s), expected %d\n", rel, r,
			file_strerror(r), err);
	CU_ASSERT_EQUAL(r, err);
	if (text && r == 0)
		CU_ASSERT_STRING_EQUAL(buf, text);
	if (r < 0)
		CU_ASSERT_PTR_NULL(buf);
	free(buf);
}

static void check_rules(bool fallback)
{
	char *top = make_tree();
	int root = open_root(top), fd;

	beneath_force_fallback(fallback);
	read_expect(root, "a/file", 0, 0, "inside");
	read_expect(root, "./a//file", 0, 0, "inside");
	read_expect(root, "a/up/../a/file", 0, 0, "inside");
	read_expect(root, "in-link", 0, 0, "inside");
	/* a link inside the root is still a link when links are refused */
	read_expect(root, "in-link", BENEATH_NO_SYMLINKS, -ELOOP, NULL);
	read_expect(root, "a/up/../a/file", BENEATH_NO_SYMLINKS, -ELOOP, NULL);
	/* every way out is refused, and says so */
	read_expect(root, "../outside-file", 0, -EXDEV, NULL);
	read_expect(root, "a/../../outside-file", 0, -EXDEV, NULL);
	read_expect(root, "rel-out", 0, -EXDEV, NULL);
	read_expect(root, "abs-out", 0, -EXDEV, NULL);
	read_expect(root, "/etc/hostname", 0, -EXDEV, NULL);
	read_expect(root, "zero", 0, -EXDEV, NULL);
	read_expect(root, "self", 0, -ELOOP, NULL);
	/* only regular files, never blocking, never more than asked */
	read_expect(root, "fifo", 0, -EFTYPE_NOT_REGULAR, NULL);
	read_expect(root, "a", 0, -EFTYPE_NOT_REGULAR, NULL);
	read_expect(root, "big", 0, -EFBIG, NULL);
	read_expect(root, "missing", 0, -ENOENT, NULL);
	read_expect(root, "a/file/x", 0, -ENOTDIR, NULL);
	/* directories open too, the root itself included */
	fd = beneath_open(root, "", O_RDONLY | O_DIRECTORY, 0);
	CU_ASSERT(fd >= 0);
	if (fd >= 0)
		close(fd);
	fd = beneath_open(root, "a/..", O_RDONLY | O_DIRECTORY, 0);
	CU_ASSERT(fd >= 0);
	if (fd >= 0)
		close(fd);
	CU_ASSERT_EQUAL(beneath_open(root, "a/up", O_RDONLY | O_NOFOLLOW, 0), -ELOOP);
	CU_ASSERT_EQUAL(beneath_open(root, "new", O_WRONLY | O_CREAT, 0), -EINVAL);
	beneath_force_fallback(false);
	close(root);
	unit_tree_remove(top);
}

static void test_openat2(void)
{
	check_rules(false);
}

static void test_fallback(void)
{
	check_rules(true);
}

/* Exactly @max bytes are read; one more is too many. */
static void test_read_limits(void)
{
	static const struct unit_file files[] = { { "f", "0123456789" }, { NULL } };
	char *top = unit_tree_new(files), *path, *buf;
	size_t len;

	CU_ASSERT_FATAL(asprintf(&path, "%s/f", top) > 0);
	CU_ASSERT_EQUAL(file_read(path, 10, &buf, &len), 0);
	CU_ASSERT_EQUAL(len, 10);
	free(buf);
	CU_ASSERT_EQUAL(file_read(path, 9, &buf, &len), -EFBIG);
	CU_ASSERT_PTR_NULL(buf);
	/* a size the file system does not know (0, as /proc says) is read to its end */
	CU_ASSERT_EQUAL(file_read("/proc/self/stat", 1 << 16, &buf, &len), 0);
	CU_ASSERT(len > 0 && strlen(buf) == len);
	free(buf);
	CU_ASSERT_EQUAL(file_read("/proc/self/stat", 3, &buf, &len), -EFBIG);
	CU_ASSERT_EQUAL(file_read("/dev/zero", 1 << 20, &buf, &len), -EFTYPE_NOT_REGULAR);
	CU_ASSERT_STRING_EQUAL(file_strerror(-EFTYPE_NOT_REGULAR), "not a regular file");
	free(path);
	unit_tree_remove(top);
}

/*
 * sysfs gives every text attribute a size of 4096, whatever it holds: a 5-byte
 * initstate read with a limit of 64 must be read, not refused as too big.
 */
static void test_sysfs_sizes(void)
{
	const char *attr = "/sys/kernel/uevent_seqnum";
	struct stat st;
	char *buf;
	size_t len;

	if (stat(attr, &st) < 0 || st.st_size <= 64) {
		fprintf(stderr,
			"\n  (no sysfs text attribute of size > 64 here: checked nothing)\n");
		return;
	}
	CU_ASSERT_EQUAL(file_read(attr, 64, &buf, &len), 0);
	CU_ASSERT(len > 0 && len < 64);
	free(buf);
}

/*
 * A device's open runs its driver, so a non-regular file is never opened, only looked
 * at. A FIFO shows it: a writer blocked in open(2) is released by any reader's open.
 */
static void test_never_opened(void)
{
	char dir[] = "/tmp/sysabi-fifo.XXXXXX", path[64], *buf = NULL;
	int status;
	size_t len;
	pid_t writer;

	CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/fifo", dir);
	CU_ASSERT_FATAL(mkfifo(path, 0600) == 0);
	writer = fork();
	CU_ASSERT_FATAL(writer >= 0);
	if (writer == 0) {
		int fd = open(path, O_WRONLY); /* blocks until a reader opens */

		_exit(fd >= 0 ? 0 : 1);
	}
	CU_ASSERT_EQUAL(file_read(path, 4096, &buf, &len), -EFTYPE_NOT_REGULAR);
	usleep(200 * 1000);
	/* had the FIFO been opened, the writer would have ended by now */
	CU_ASSERT_EQUAL(waitpid(writer, &status, WNOHANG), 0);
	kill(writer, SIGKILL);
	waitpid(writer, &status, 0);
	unlink(path);
	rmdir(dir);
}

void test_beneath_register(void)
{
	static const struct unit_test tests[] = {
		{ "below a root, with openat2", test_openat2 },
		{ "below a root, without openat2", test_fallback },
		{ "bounded reads", test_read_limits },
		{ "sysfs sizes are hints", test_sysfs_sizes },
		{ "a FIFO is never opened", test_never_opened },
		{},
	};

	unit_add_suite("beneath", tests);
}
