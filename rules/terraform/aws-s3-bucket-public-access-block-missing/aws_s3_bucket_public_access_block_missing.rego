# METADATA
# title: S3 bucket has no public access block
# description: |
#   Without an `aws_s3_bucket_public_access_block`, a single ACL or bucket policy change can
#   make the bucket's objects public. The block makes S3 refuse public ACLs and policies.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
# custom:
#   id: aws-s3-bucket-public-access-block-missing
#   target: terraform
#   severity: high
#   checkov: [CKV2_AWS_6]
package converge.rules.terraform.aws_s3_bucket_public_access_block_missing

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some bucket in tf.resources("aws_s3_bucket")
	not tf.referenced_by("aws_s3_bucket_public_access_block", "bucket", concat(".", ["aws_s3_bucket", bucket.name]))
	f := {
		"msg": sprintf("aws_s3_bucket.%s has no public access block", [bucket.name]),
		"route": bucket.route,
	}
}
