/* \summary: main() shared by every check-*.c unit test program */
#include <check.h>
#include <stdlib.h>

Suite *test_suite(void);

int main(void)
{
	SRunner *sr = srunner_create(test_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
