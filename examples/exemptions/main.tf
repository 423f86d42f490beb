# converge:ignore aws-ebs-volume-unencrypted scratch space, wiped on every deploy
resource "aws_ebs_volume" "scratch" {
  availability_zone = "eu-west-1a"
  size              = 50
}

resource "aws_ebs_volume" "data" {
  #checkov:skip=CKV_AWS_3:restored from an unencrypted snapshot, see OPS-1234
  availability_zone = "eu-west-1a"
  size              = 100
}

resource "aws_ebs_volume" "cache" {
  availability_zone = "eu-west-1a"
  size              = 20
}
