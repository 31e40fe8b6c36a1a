/* \summary: cputime: runs a command and reports its CPU time and peak RSS */
/*
 * usage: cputime OUTFILE COMMAND [ARG...]
 * Runs COMMAND with its standard output sent to /dev/null, waits for it
 * and writes "USER SYS MAXRSS_KIB WALL" (seconds to the microsecond; WALL
 * on the monotonic clock, from fork to its end) to OUTFILE.  Exits with
 * the command's status (or 1 if it could not run).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct rusage ru;
	int status;
	pid_t pid;
	FILE *out;
	struct timespec t0, t1;

	if (argc < 3) {
		fputs("usage: cputime OUTFILE COMMAND [ARG...]\n", stderr);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		perror("cputime: fork");
		return 1;
	}
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);
		if (fd >= 0) {
			dup2(fd, 1);
			close(fd);
		}
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("cputime: wait4");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double wall = (double)(t1.tv_sec - t0.tv_sec) +
		      (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	out = fopen(argv[1], "w");
	if (!out) {
		perror(argv[1]);
		return 1;
	}
	fprintf(out, "%ld.%06ld %ld.%06ld %ld %.6f\n", (long)ru.ru_utime.tv_sec,
		(long)ru.ru_utime.tv_usec, (long)ru.ru_stime.tv_sec,
		(long)ru.ru_stime.tv_usec, ru.ru_maxrss, wall);
	fclose(out);
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 1;
}
