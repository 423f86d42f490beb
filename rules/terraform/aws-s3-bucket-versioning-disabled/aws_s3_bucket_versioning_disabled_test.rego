package converge.rules.terraform.aws_s3_bucket_versioning_disabled_test

import rego.v1

import data.converge.rules.terraform.aws_s3_bucket_versioning_disabled as rule

with_module(doc) := object.union(doc, {"__converge": {"module": {"resource": doc.resource}}})

test_missing_is_reported_with_case if {
	some f in rule.findings with input as with_module({"resource": {"aws_s3_bucket": {"b": {}}}})
	f.case == "missing"
	f.route == ["resource", "aws_s3_bucket", "b"]
}

test_inline_disabled_points_at_the_attribute if {
	doc := {"resource": {"aws_s3_bucket": {"b": {"versioning": [{"enabled": false}]}}}}
	some f in rule.findings with input as with_module(doc)
	f.case == "inline"
	f.route == ["resource", "aws_s3_bucket", "b", "versioning", 0, "enabled"]
}

test_suspended_companion_is_reported if {
	doc := {"resource": {"aws_s3_bucket_versioning": {"v": {"bucket": "${aws_s3_bucket.b.id}", "versioning_configuration": [{"status": "Suspended"}]}}}}
	some f in rule.findings with input as with_module(doc)
	f.case == "companion"
}

test_enabled_companion_is_clean if {
	doc := {"resource": {
		"aws_s3_bucket": {"b": {}},
		"aws_s3_bucket_versioning": {"v": {"bucket": "${aws_s3_bucket.b.id}", "versioning_configuration": [{"status": "Enabled"}]}},
	}}
	count(rule.findings) == 0 with input as with_module(doc)
}
