package converge.rules.terraform.aws_s3_bucket_public_access_block_missing_test

import rego.v1

import data.converge.rules.terraform.aws_s3_bucket_public_access_block_missing as rule

bucket := {"resource": {"aws_s3_bucket": {"b": {"bucket": "x"}}}}

test_missing_block_is_reported if {
	some f in rule.findings with input as object.union(bucket, {"__converge": {"module": bucket}})
	f.route == ["resource", "aws_s3_bucket", "b"]
}

test_block_in_another_file_of_the_module_counts if {
	module := {"resource": {
		"aws_s3_bucket": {"b": {}},
		"aws_s3_bucket_public_access_block": {"pab": {"bucket": "${aws_s3_bucket.b.id}"}},
	}}
	count(rule.findings) == 0 with input as object.union(bucket, {"__converge": {"module": module}})
}

test_for_each_companion_counts if {
	module := {"resource": {"aws_s3_bucket_public_access_block": {"b": {"for_each": "${aws_s3_bucket.b}", "bucket": "${each.value.id}"}}}}
	count(rule.findings) == 0 with input as object.union(bucket, {"__converge": {"module": module}})
}
