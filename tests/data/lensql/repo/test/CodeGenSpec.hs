module CodeGenSpec (spec) where

import Test.Hspec
import Lensql.CodeGen
import Lensql.Types

spec :: Spec
spec = describe "Lensql.CodeGen" $ do
  it "camel-cases column names" $
    haskellName "created_at" `shouldBe` "createdAt"

  it "escapes Haskell keywords" $ do
    haskellName "data" `shouldBe` "data_"
    haskellName "class" `shouldBe` "class_"

  it "maps bigint to Int64" $
    hsTypeFor (Column "id" SqlBigInt False) `shouldBe` "Int64"

  it "wraps nullable columns in Maybe" $
    hsTypeFor (Column "bio" SqlText True) `shouldBe` "Maybe Text"
