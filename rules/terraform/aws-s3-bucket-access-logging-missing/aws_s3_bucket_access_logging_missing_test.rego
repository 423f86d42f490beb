package converge.rules.terraform.aws_s3_bucket_access_logging_missing_test

import rego.v1

import data.converge.rules.terraform.aws_s3_bucket_access_logging_missing as rule

with_module(doc) := object.union(doc, {"__converge": {"module": {"resource": doc.resource}}})

test_bucket_without_logging_is_reported if {
	some f in rule.findings with input as with_module({"resource": {"aws_s3_bucket": {"b": {"bucket": "x"}}}})
	f.route == ["resource", "aws_s3_bucket", "b", "logging"]
}

test_inline_and_companion_logging_are_clean if {
	doc := {"resource": {
		"aws_s3_bucket": {"a": {"logging": [{"target_bucket": "logs"}]}, "b": {}, "logs": {}},
		"aws_s3_bucket_logging": {"b": {"bucket": "${aws_s3_bucket.b.id}", "target_bucket": "${aws_s3_bucket.logs.id}"}},
	}}
	count(rule.findings) == 0 with input as with_module(doc)
}
